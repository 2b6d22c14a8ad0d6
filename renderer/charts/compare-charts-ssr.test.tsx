// @vitest-environment node
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { CompareParetoChart } from './compare-pareto-chart';
import { configuration } from './compare-testing';
import { CompareTtftWindowChart } from './compare-ttft-window-chart';

// Node, no DOM: what the HTML report does (it draws the SVG in jsdom, recharts#5997); here the
// charts must not touch window/document and must give their wrapper and the undrawn list.
describe('compare charts in Node', () => {
  const configurations = [
    configuration({ pareto: true }),
    configuration({ scenario: { window: 512 }, status: 'infeasible', reason: 'too big' }),
  ];

  it('renders both charts at a fixed size without a DOM', () => {
    const window = renderToStaticMarkup(
      <CompareTtftWindowChart configurations={configurations} width={500} height={200} />,
    );
    const pareto = renderToStaticMarkup(
      <CompareParetoChart configurations={configurations} width={500} height={200} />,
    );
    expect(window).toContain('recharts-wrapper');
    expect(pareto).toContain('recharts-wrapper');
    expect(pareto).toContain('too big');
  });
});
