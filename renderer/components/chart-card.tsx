import { useRef, useState, type ReactNode } from 'react';
import { ChartTable, tableCsv, type ChartTableData } from '../charts/chart-table';

const svgNamespace = 'http://www.w3.org/2000/svg';

/** The chart's own SVGs in a card (legend icons are SVGs too, so only the wrappers' children). */
function chartSvgs(container: Element): SVGSVGElement[] {
  return [...container.querySelectorAll<SVGSVGElement>('.recharts-wrapper > svg')];
}

function sizeOf(svg: SVGSVGElement) {
  return {
    width: Number(svg.getAttribute('width')) || 0,
    height: Number(svg.getAttribute('height')) || 0,
  };
}

/**
 * The card's chart as one standalone SVG document, or null when it shows none (empty state).
 * Charts drawn side by side (prefill's pair) are laid out in one SVG, left to right.
 */
export function chartSvgMarkup(
  container: Element,
): { svg: string; width: number; height: number } | null {
  const svgs = chartSvgs(container);
  if (svgs.length === 0) return null;
  const root = document.createElementNS(svgNamespace, 'svg');
  let width = 0;
  let height = 0;
  for (const svg of svgs) {
    const size = sizeOf(svg);
    const copy = svg.cloneNode(true) as SVGSVGElement;
    copy.setAttribute('x', String(width));
    root.appendChild(copy);
    width += size.width;
    height = Math.max(height, size.height);
  }
  root.setAttribute('xmlns', svgNamespace);
  root.setAttribute('width', String(width));
  root.setAttribute('height', String(height));
  root.setAttribute('viewBox', `0 0 ${width} ${height}`);
  return { svg: new XMLSerializer().serializeToString(root), width, height };
}

/** Saves a blob as a file through a temporary link. */
export function downloadBlob(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(url);
}

/** Rasterises an SVG document to a PNG at twice its size (sharp on high-density screens). */
export function svgToPng(svg: string, width: number, height: number): Promise<Blob> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onerror = () => reject(new Error('The chart could not be drawn as an image.'));
    image.onload = () => {
      const canvas = document.createElement('canvas');
      canvas.width = width * 2;
      canvas.height = height * 2;
      const context = canvas.getContext('2d');
      if (!context) return reject(new Error('No 2D canvas to draw the chart on.'));
      context.fillStyle = '#ffffff';
      context.fillRect(0, 0, canvas.width, canvas.height);
      context.drawImage(image, 0, 0, canvas.width, canvas.height);
      canvas.toBlob(
        (blob) => (blob ? resolve(blob) : reject(new Error('No PNG from the canvas.'))),
        'image/png',
      );
    };
    image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  });
}

/** The card's props: a title, the table view of its data, and the chart. */
export interface ChartCardProps {
  title: string;
  /** File names of the exports, without extension (the title when absent). */
  fileName?: string;
  table: ChartTableData;
  children: ReactNode;
}

/**
 * A chart in a card: a Chart/Table toggle and SVG, PNG and CSV exports. The exports read the
 * chart's rendered SVG, so they are offered in the chart view.
 */
export function ChartCard({ title, fileName, table, children }: ChartCardProps) {
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const [error, setError] = useState<string | null>(null);
  const body = useRef<HTMLDivElement>(null);
  const name = fileName ?? title.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  const exportAs = (format: 'svg' | 'png') => {
    const chart = body.current && chartSvgMarkup(body.current);
    if (!chart) return;
    if (format === 'svg')
      return downloadBlob(new Blob([chart.svg], { type: 'image/svg+xml' }), `${name}.svg`);
    svgToPng(chart.svg, chart.width, chart.height).then(
      (png) => downloadBlob(png, `${name}.png`),
      (cause: unknown) => setError(cause instanceof Error ? cause.message : String(cause)),
    );
  };
  return (
    <section className="chart-card" aria-label={title}>
      <header className="chart-card-header">
        <h3>{title}</h3>
        <div role="group" aria-label={`${title} view`}>
          {(['chart', 'table'] as const).map((option) => (
            <button
              key={option}
              type="button"
              aria-pressed={view === option}
              onClick={() => setView(option)}
            >
              {option === 'chart' ? 'Chart' : 'Table'}
            </button>
          ))}
        </div>
        <div role="group" aria-label={`Export ${title}`}>
          <button type="button" disabled={view !== 'chart'} onClick={() => exportAs('svg')}>
            SVG
          </button>
          <button type="button" disabled={view !== 'chart'} onClick={() => exportAs('png')}>
            PNG
          </button>
          <button
            type="button"
            onClick={() =>
              downloadBlob(new Blob([tableCsv(table)], { type: 'text/csv' }), `${name}.csv`)
            }
          >
            CSV
          </button>
        </div>
      </header>
      {error && <p role="alert">{error}</p>}
      <div ref={body} className="chart-card-body">
        {view === 'chart' ? children : <ChartTable table={table} caption={title} />}
      </div>
    </section>
  );
}
