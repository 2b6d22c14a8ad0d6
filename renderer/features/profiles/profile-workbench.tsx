import { ShortcutList } from '../../components/shortcut-list';
import { useState } from 'react';
import type { DeviceSummary } from '../../../shared/device';
import { useErrorCenter } from '../../errors/error-center';
import { useInvoke } from '../../hooks/use-invoke';
import { useStudio } from '../../studio-context';
import { SweepLaunchPanel } from '../sweeps/sweep-launch-panel';
import { useLaunchPlan } from '../sweeps/use-launch-plan';
import { NewProfileForm } from './new-profile-form';
import { ProfileEditorView } from './profile-editor';
import { ProfileList } from './profile-list';
import { profileTemplate } from './profile-template';
import { profileShortcuts, useProfileShortcuts } from './use-profile-shortcuts';
import { useProfileEditor } from './use-profile-editor';
import { useProfileList } from './use-profile-list';

/**
 * Profiles: the list, the open profile's editor validated as typed, save, and its launch plan
 * (grid, phones, estimate) with Launch; `onLaunched` gets the new sweep's id.
 */
export function ProfileWorkbench({
  devices,
  onLaunched,
}: {
  devices: readonly DeviceSummary[];
  onLaunched(sweepId: string): void;
}) {
  const studio = useStudio();
  const { report } = useErrorCenter();
  const list = useProfileList();
  const editor = useProfileEditor();
  const info = useInvoke('app:info', {});
  const [notice, setNotice] = useState<string | null>(null);
  const [launching, setLaunching] = useState(false);
  const hostCores = info.state.status === 'ready' ? info.state.value.hostCores : null;
  const plan = useLaunchPlan(editor.file, editor.text, editor.validation, devices, hostCores);

  const open = async (file: string) => {
    const got = await studio.invoke('profile:get', { file });
    if (!got.ok) return report(`Could not open ${file}`, got.error);
    setNotice(null);
    editor.open(file, got.value.text);
  };
  const create = (name: string) => {
    if (info.state.status !== 'ready') return;
    editor.open(`${info.state.value.dataDir}/profiles/${name}.yaml`, profileTemplate(name), true);
    setNotice('New profile: not saved yet (Ctrl+S saves it).');
  };
  const save = async () => {
    const saved = await editor.save();
    setNotice(saved.ok ? `Saved ${saved.value.file}` : saved.error.message);
    if (saved.ok) void list.reload();
    return saved.ok;
  };
  const launch = async () => {
    if (!editor.file || !plan || launching) return;
    if (editor.dirty && !(await save())) return;
    setLaunching(true);
    const started = await studio.invoke('sweep:start', { file: editor.file });
    setLaunching(false);
    if (!started.ok) return report('Could not launch the sweep', started.error);
    onLaunched(started.value.sweepId);
  };
  useProfileShortcuts({ save: () => void (editor.file && save()), launch: () => void launch() });

  return (
    <div className="profiles-layout">
      <aside>
        <ProfileList
          profiles={list.profiles}
          selected={editor.file}
          onOpen={(file) => void open(file)}
        />
        <NewProfileForm onCreate={create} />
        <Shortcuts />
      </aside>
      <div>
        {editor.file === null ? (
          <p className="muted">Open a profile, or start a new one from the template.</p>
        ) : (
          <>
            <h3 className="profile-title">
              <code>{editor.file}</code> {editor.dirty && <span className="badge">unsaved</span>}
            </h3>
            <ProfileEditorView
              text={editor.text}
              validation={editor.validation}
              onEdit={editor.edit}
            />
            <div className="actions">
              <button type="button" onClick={() => void save()}>
                Save
              </button>
              {notice && <span role="status">{notice}</span>}
            </div>
            <SweepLaunchPanel
              validation={editor.validation}
              plan={plan}
              busy={launching}
              onLaunch={() => void launch()}
            />
          </>
        )}
      </div>
    </div>
  );
}

function Shortcuts() {
  return (
    <section aria-label="Keyboard shortcuts">
      <h3>Keyboard</h3>
      <ShortcutList shortcuts={profileShortcuts} />
    </section>
  );
}
