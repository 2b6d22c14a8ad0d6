/** A chart's data as a table: column headings (with units) and one row per point. */
export interface ChartTableData {
  columns: readonly string[];
  rows: readonly (readonly (string | number | null)[])[];
}

/** A cell as shown: numbers to at most three decimals, missing values as an en dash. */
export function formatCell(value: string | number | null): string {
  if (value === null) return '–';
  if (typeof value === 'string') return value;
  return Number.isInteger(value) ? String(value) : value.toFixed(3).replace(/\.?0+$/, '');
}

/** The table as CSV (RFC 4180 quoting), for a download next to the SVG and PNG. */
export function tableCsv({ columns, rows }: ChartTableData): string {
  const quote = (cell: string) => (/[",\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
  const lines = [columns, ...rows].map((row) =>
    row.map((cell) => quote(cell === null ? '' : String(cell))).join(','),
  );
  return `${lines.join('\n')}\n`;
}

/**
 * The table view of a chart, for screen readers and for reading exact values. Pure, so reports
 * can render it in Node next to the chart.
 */
export function ChartTable({ table, caption }: { table: ChartTableData; caption: string }) {
  return (
    <table className="chart-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          {table.columns.map((column) => (
            <th key={column} scope="col">
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {table.rows.map((row, index) => (
          <tr key={index}>
            {row.map((cell, column) => (
              <td key={column}>{formatCell(cell)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
