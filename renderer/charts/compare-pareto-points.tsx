import { scaleLinear } from 'd3-scale';
import { useXAxisScale, useYAxisScale } from 'recharts';
import { fidelityBands, type ParetoPoint } from './compare-chart-data';
import { runColors } from './run-chart-parts';

/** A numeric axis fixed ahead of drawing: its nice domain and the ticks in it. */
export interface NiceAxis {
  domain: [number, number];
  ticks: number[];
}

/**
 * The nice domain and about `count` ticks of an axis over `values` (d3's rounding, as recharts'
 * 'auto' domain gives). The Pareto points are not recharts items, so the axes cannot take their
 * domain from them; a single value is padded, so it still gets a span to sit in.
 */
export function niceAxis(values: readonly number[], count = 5): NiceAxis {
  let [low, high] = [Math.min(...values), Math.max(...values)];
  if (low === high) {
    const pad = Math.max(1, Math.abs(low) * 0.05);
    [low, high] = [low - pad, high + pad];
  }
  const scale = scaleLinear().domain([low, high]).nice(count);
  const [from, to] = scale.domain() as [number, number];
  return { domain: [from, to], ticks: scale.ticks(count) };
}

/** What hovering a point says (a native tooltip: no recharts tooltip state per point). */
export function pointTitle(point: ParetoPoint, phone: string): string {
  return [
    point.label,
    phone,
    `TTFT ${point.ttftMs} ms · peak ${point.peakMib} MiB` +
      (point.cosine === null ? '' : ` · cosine ${point.cosine.toFixed(4)}`),
    point.pareto ? 'on the frontier' : null,
    point.throttled ? 'throttled during its runs' : null,
    point.overBudget.length > 0 ? `over budget: ${point.overBudget.join('; ')}` : null,
  ]
    .filter((line) => line !== null)
    .join('\n');
}

const bandColor = new Map(fidelityBands.map((band) => [band.id, band.color]));

function Cross({ cx, cy }: { cx: number; cy: number }) {
  const d = `M${cx - 6} ${cy - 6}L${cx + 6} ${cy + 6}M${cx - 6} ${cy + 6}L${cx + 6} ${cy - 6}`;
  return <path className="compare-throttled-mark" d={d} stroke={runColors.throttled} />;
}

/**
 * Every point as plain SVG read off the chart's scales: a circle in its fidelity band's colour,
 * crossed when throttled, titled with what it is. Not a recharts Scatter per band: its
 * per-point elements and store updates were most of the Compare page's first draw with
 * hundreds of configurations (compare-10k).
 */
export function ParetoPointsLayer({
  points,
  phoneOf,
}: {
  points: readonly ParetoPoint[];
  phoneOf(point: ParetoPoint): string;
}) {
  const x = useXAxisScale();
  const y = useYAxisScale();
  if (!x || !y) return null;
  return (
    <g className="recharts-layer compare-points">
      {points.map((point) => {
        const [cx, cy] = [x(point.ttftMs), y(point.peakMib)];
        if (cx === undefined || cy === undefined) return null;
        const classes = ['compare-point', `compare-band-${point.band}`];
        if (point.throttled) classes.push('compare-throttled');
        if (point.pareto) classes.push('compare-on-frontier');
        return (
          <g key={point.key} className={classes.join(' ')}>
            <title>{pointTitle(point, phoneOf(point))}</title>
            <circle cx={cx} cy={cy} r={4.5} fill={bandColor.get(point.band)} />
            {point.throttled && <Cross cx={cx} cy={cy} />}
          </g>
        );
      })}
    </g>
  );
}

/** The chart's legend in plain markup: the fidelity bands drawn, the frontier, throttled. */
export function ParetoLegend({ points }: { points: readonly ParetoPoint[] }) {
  const shown = new Set(points.map((point) => point.band));
  return (
    <ul className="compare-legend" aria-label="Legend">
      {fidelityBands
        .filter((band) => shown.has(band.id))
        .map((band) => (
          <li key={band.id}>
            <svg width={10} height={10} aria-hidden="true">
              <circle cx={5} cy={5} r={4.5} fill={band.color} />
            </svg>
            {band.name}
          </li>
        ))}
      <li>
        <svg width={16} height={10} aria-hidden="true">
          <path d="M0 5H16" stroke={runColors.median} strokeWidth={2} />
        </svg>
        Pareto frontier
      </li>
      {points.some((point) => point.throttled) && (
        <li>
          <svg width={10} height={10} aria-hidden="true">
            <path d="M1 1L9 9M1 9L9 1" stroke={runColors.throttled} />
          </svg>
          throttled (×)
        </li>
      )}
    </ul>
  );
}
