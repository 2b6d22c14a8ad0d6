import { JSDOM } from 'jsdom';
import { parentPort } from 'node:worker_threads';
import { assertNever } from '../../../../shared/result';
import type { ChartSpec } from './chart-specs';

/**
 * The worker side of chart-svg.ts: draws each chart with the same `renderer/charts/` component
 * the pages use, in jsdom, and answers its markup. Recharts 3 draws a chart's SVG only after its
 * first effects (recharts#5997), so renderToStaticMarkup gives an empty wrapper: here the chart
 * is rendered into a jsdom document with react-dom's client and flushSync, effects and all. The
 * DOM globals React and Recharts read exist only in this thread, so nothing leaks into the
 * studio's own.
 */

const dom = new JSDOM('<!doctype html><html><body></body></html>', { pretendToBeVisual: true });
const domGlobals = ['window', 'document', 'navigator', 'HTMLElement', 'SVGElement', 'Element'];
const timing = ['requestAnimationFrame', 'cancelAnimationFrame'];
for (const name of [...domGlobals, 'Node', 'getComputedStyle', ...timing]) {
  const value: unknown = Reflect.get(dom.window, name);
  Object.defineProperty(globalThis, name, { value, configurable: true, writable: true });
}
// Production React: no development checks or warnings in a report build (this thread's env only).
process.env.NODE_ENV = 'production';

const { createElement } = await import('react');
const { flushSync } = await import('react-dom');
const { createRoot } = await import('react-dom/client');
const { RunPrefillTimelineChart } =
  await import('../../../../renderer/charts/run-prefill-timeline-chart');
const { CompareTtftWindowChart } =
  await import('../../../../renderer/charts/compare-ttft-window-chart');
const { CompareParetoChart } = await import('../../../../renderer/charts/compare-pareto-chart');

function element(spec: ChartSpec) {
  switch (spec.kind) {
    case 'prefill-timeline':
      return createElement(RunPrefillTimelineChart, spec.props);
    case 'compare-ttft-window':
      return createElement(CompareTtftWindowChart, spec.props);
    case 'compare-pareto':
      return createElement(CompareParetoChart, spec.props);
    default:
      return assertNever(spec);
  }
}

/** One chart's markup: its SVGs and legends, without the (empty, hidden) tooltip. */
function draw(spec: ChartSpec): string {
  const container = dom.window.document.createElement('div');
  const root = createRoot(container);
  flushSync(() => root.render(element(spec)));
  // Read from a copy: React still owns the drawn nodes until it unmounts them.
  const copy = container.cloneNode(true) as typeof container;
  for (const tooltip of copy.querySelectorAll('.recharts-tooltip-wrapper')) tooltip.remove();
  const markup = copy.innerHTML;
  root.unmount();
  return markup;
}

parentPort!.on('message', (specs: ChartSpec[]) => {
  try {
    parentPort!.postMessage({ ok: true, charts: specs.map(draw) });
  } catch (error) {
    parentPort!.postMessage({ ok: false, message: String((error as Error).stack ?? error) });
  }
});
