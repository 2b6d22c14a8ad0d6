import { JSDOM } from 'jsdom';
import { beforeAll, describe, expect, it } from 'vitest';
import { testReportData } from '../testing-report';
import { sweepReportHtml } from './sweep-html';
import { externalReferences } from './testing-html';

describe('a sweep HTML report', () => {
  let text = '';
  let document: Document;
  beforeAll(async () => {
    text = await sweepReportHtml(testReportData());
    document = new JSDOM(text).window.document;
    // A worker thread starts, loads jsdom, React and Recharts, and draws 8 charts: on a busy
    // 2-core machine that is more than the default hook timeout.
  }, 120_000);

  it('has every section, linked from its table of contents', () => {
    const ids = ['recommendation', 'farm', 'profile', 'charts', 'statistics', 'runs', 'failures'];
    expect([...document.querySelectorAll('main > section')].map((s) => s.id)).toEqual(ids);
    const links = [...document.querySelectorAll('nav.toc a')].map((a) => a.getAttribute('href'));
    expect(links).toEqual(ids.map((id) => `#${id}`));
    expect(document.title).toBe('Edge Studio report: ci');
  });

  it('names no external URL: no script, link, @import or url(http…), inline CSS only', () => {
    expect(externalReferences(text, document)).toEqual([]);
    expect(text).not.toMatch(/https?:\/\//);
    expect(document.querySelectorAll('style')).toHaveLength(1);
  });

  it('draws the compare charts and the prefill timelines per phone as inline SVG', () => {
    const charts = document.querySelector('#charts')!;
    expect(charts.querySelectorAll('h3')).toHaveLength(2);
    for (const group of ['g0', 'g1']) {
      for (const id of ['ttft-window', 'pareto', 'prefill-0', 'prefill-1']) {
        const figure = charts.querySelector(`#${group}-${id}`);
        expect(figure?.querySelector('svg.recharts-surface'), `${group}-${id}`).not.toBeNull();
      }
    }
    // Three measured configurations per phone: three points on each Pareto chart, units on axes.
    const pareto = charts.querySelector('#g0-pareto')!;
    expect(pareto.textContent).toMatch(/MiB/);
    expect(pareto.textContent).toMatch(/ms/);
  });

  it('labels the farm, emulated phones and all, with their run context', () => {
    const farm = document.querySelector('#farm')!;
    const rows = [...farm.querySelectorAll('tbody tr')];
    expect(rows).toHaveLength(2);
    expect(rows[0]!.querySelector('.badge.emulated')).not.toBeNull();
    expect(rows[1]!.querySelector('.badge.emulated')).toBeNull();
    expect(rows[1]!.textContent).toContain('samsung/o1sxeea/o1s:14/UP1A');
    expect(rows[1]!.textContent).toContain('ORT 1.30.0');
    expect(farm.textContent).toContain('1 of 2 phones are emulated');
  });

  it('tabulates every configuration and lists the failed and infeasible points with reasons', () => {
    const stats = document.querySelectorAll('#statistics tbody tr');
    expect(stats).toHaveLength(10);
    expect(document.querySelector('#statistics')!.textContent).toContain(
      'over budget: peak 300 MiB > 280 MiB',
    );
    const failures = [...document.querySelectorAll('#failures tbody tr')].map((r) => r.textContent);
    expect(failures).toHaveLength(4);
    expect(
      failures.filter((row) => row?.includes('needs 3.1 GiB, half the RAM is 2 GiB')),
    ).toHaveLength(2);
    expect(failures.filter((row) => row?.includes('runner exited 134'))).toHaveLength(2);
  });

  it('gives every finished run its own figures: cold and warm TTFT, load, prefill', () => {
    const runs = document.querySelector('#runs')!;
    expect(runs.querySelectorAll('tbody tr')).toHaveLength(6);
    expect(runs.querySelector('thead')!.textContent).toContain('TTFT cold');
  });

  it('gives the recommendation per phone and the profile grid and budgets', () => {
    expect(document.querySelectorAll('#recommendation .recommendation')).toHaveLength(2);
    const profile = document.querySelector('#profile')!.textContent!;
    expect(profile).toContain('128, 256, 384, 512, 640');
    expect(profile).toContain('peak memory ≤ 280 MB');
    expect(profile).toContain('at most 2 runs at once');
  });
});
