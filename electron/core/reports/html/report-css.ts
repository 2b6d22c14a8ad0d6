/**
 * The report's stylesheet, inlined in its <style>: no web font, no image, no import, so the file
 * opens offline exactly as it was written. Prints on A4/Letter (charts kept whole on a page).
 */
export const reportCss = `
:root { --ink: #1c2430; --muted: #5b6675; --line: #d9dee5; --panel: #f5f7fa; --accent: #2f6fde;
  --good: #2e8b57; --bad: #c0392b; --warn: #b7791f; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff;
  font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; }
main { max-width: 1180px; margin: 0 auto; padding: 32px 24px 64px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 40px 0 12px; padding-bottom: 6px; border-bottom: 2px solid var(--line); }
h3 { font-size: 15px; margin: 24px 0 8px; }
p { margin: 6px 0; }
.lede { color: var(--muted); }
nav.toc { margin: 16px 0 0; display: flex; flex-wrap: wrap; gap: 4px 16px; }
nav.toc a { color: var(--accent); text-decoration: none; }
.summary { display: grid; grid-template-columns: repeat(auto-fill, minmax(160px, 1fr)); gap: 8px; margin: 16px 0; }
.summary div { background: var(--panel); border-radius: 6px; padding: 8px 12px; }
.summary b { display: block; font-size: 20px; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; font-size: 13px; }
th, td { border-bottom: 1px solid var(--line); padding: 5px 8px; text-align: left; vertical-align: top; }
th { background: var(--panel); font-weight: 600; white-space: nowrap; }
td { overflow-wrap: anywhere; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.table-wrap { overflow-x: auto; }
.badge { display: inline-block; font-size: 11px; line-height: 16px; padding: 0 6px; border-radius: 8px;
  background: var(--panel); border: 1px solid var(--line); color: var(--muted); margin-left: 4px; white-space: nowrap; }
.badge.emulated { border-color: var(--warn); color: var(--warn); }
.badge.pareto { border-color: var(--accent); color: var(--accent); }
.badge.over { border-color: var(--bad); color: var(--bad); }
.status-measured { color: var(--good); }
.status-infeasible { color: var(--warn); }
.status-failed { color: var(--bad); }
.verdict-regression { color: var(--bad); font-weight: 600; }
.verdict-improvement { color: var(--good); font-weight: 600; }
.verdict-missing { color: var(--muted); }
.recommendation { background: var(--panel); border-left: 4px solid var(--accent); padding: 10px 14px; margin: 8px 0; border-radius: 4px; }
.recommendation strong { display: block; }
.chart { margin: 8px 0 24px; break-inside: avoid; }
.chart figcaption { color: var(--muted); font-size: 12px; margin-top: 4px; }
.chart-row { display: flex; flex-wrap: wrap; gap: 16px; }
.chart-row > .chart { max-width: 560px; }
.run-chart-pair { display: flex; }
.chart-empty { color: var(--muted); padding: 24px 0; }
.chart-frame { position: relative; }
.chart-frame > .chart-empty { position: absolute; inset: 35% 0 auto; margin: 0; padding: 0 24px; text-align: center; }
.recharts-wrapper { position: relative; }
.compare-unplotted { color: var(--muted); font-size: 12px; }
.compare-legend { display: flex; flex-wrap: wrap; justify-content: center; gap: 4px 16px; margin: 0 0 4px; padding: 0; list-style: none; font-size: 12px; }
.compare-legend svg { margin-right: 4px; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 8px 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
footer { margin-top: 48px; color: var(--muted); font-size: 12px; border-top: 1px solid var(--line); padding-top: 8px; }
@media print { main { padding: 0; max-width: none; } h2 { break-after: avoid; } nav.toc { display: none; } }
`;
