import type { ProfileValidation } from '../../../shared/profile-file';
import { phoneLabel } from '../runs/run-form-fields';
import { formatDuration } from '../../../shared/sweep-pace';
import type { LaunchPlan } from './use-launch-plan';

/**
 * Before launch: the grid size and skipped combinations, the phones the selector picks, the
 * estimated duration and how it was estimated (with the host's cap on emulated phones run at once,
 * where it holds them back); Launch (saving unsaved edits first).
 */
export function SweepLaunchPanel({
  validation,
  plan,
  busy,
  onLaunch,
}: {
  validation: ProfileValidation | null;
  plan: LaunchPlan | null;
  busy: boolean;
  onLaunch(): void;
}) {
  if (validation === null) return <p className="muted">Checking the profile…</p>;
  if (!validation.valid || plan === null)
    return <p className="muted">Fix the profile's errors to see its grid and launch it.</p>;
  const runs = plan.gridPoints * plan.phones.length;
  return (
    <div className="sweep-launch">
      <dl className="facts">
        <div>
          <dt>Grid</dt>
          <dd data-testid="grid-size">
            {plan.gridPoints} point{plan.gridPoints === 1 ? '' : 's'} per phone
            {plan.skippedPoints > 0 && `, ${plan.skippedPoints} skipped (window below chunk)`}
          </dd>
        </div>
        <div>
          <dt>Phones</dt>
          <dd data-testid="sweep-phones">
            {plan.phones.length === 0
              ? 'no ready phone of the farm matches the selector'
              : plan.phones.map(phoneLabel).join(', ')}
            {plan.abiUnchecked && ' (the ABI is checked at launch)'}
          </dd>
        </div>
        <div>
          <dt>Runs</dt>
          <dd>{runs}</dd>
        </div>
        <div>
          <dt>Estimated</dt>
          <dd data-testid="sweep-estimate">
            {formatDuration(plan.estimate.seconds)}{' '}
            <span className="muted">
              ({plan.estimate.basis}; phones run in parallel, one run each at a time
              {plan.concurrency.cap && `, but ${plan.concurrency.cap}`})
            </span>
          </dd>
        </div>
      </dl>
      <p className="muted">
        Points that cannot fit a phone (weights and state over half its RAM) are marked infeasible
        once each graph is built, before any run.
      </p>
      <button type="button" onClick={onLaunch} disabled={busy || plan.phones.length === 0}>
        {busy ? 'Launching…' : 'Launch sweep'}
      </button>
    </div>
  );
}
