import type { Configuration, Recommendation } from '../../../shared/compare';

/** The recommendation of each phone in words, the best one named and what it costs. */
export function RecommendationList({
  recommendations,
  configurations,
}: {
  recommendations: readonly Recommendation[];
  configurations: readonly Configuration[];
}) {
  if (recommendations.length === 0) {
    return <p className="muted">No measured configuration to recommend yet.</p>;
  }
  const emulated = new Set(
    configurations.filter((item) => item.emulated).map((item) => item.deviceKey),
  );
  return (
    <ul className="compare-recommendations" aria-label="Recommendation">
      {recommendations.map((recommendation) => (
        <li key={recommendation.deviceKey ?? 'farm'} data-best={recommendation.best ?? undefined}>
          {recommendation.sentence}
          {emulated.has(recommendation.deviceKey) && <span className="badge"> emulated phone</span>}
        </li>
      ))}
    </ul>
  );
}
