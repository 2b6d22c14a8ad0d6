import { median } from 'simple-statistics';

/** A named benchmark: measures its figure and a baseline in the same run (machines are noisy). */
export interface Benchmark {
  name: string;
  description: string;
  run(): Promise<BenchFigure>;
}

/** A measured figure with its goal, and the baseline measured beside it. */
export interface BenchFigure {
  value: number;
  unit: string;
  /** What the issue asks for; absent when the figure is only reported. */
  goal?: { op: '<=' | '>='; value: number };
  baseline?: { label: string; value: number };
}

/** Median of repeated samples of an async measurement. */
export async function medianOf(samples: number, measure: () => Promise<number>): Promise<number> {
  const values: number[] = [];
  for (let i = 0; i < samples; i++) values.push(await measure());
  return median(values);
}

/** The benchmark's last line: `bench <name>: <figure> (goal <op> <value>)`. */
export function formatFigure(name: string, figure: BenchFigure): string {
  const goal = figure.goal ? `goal ${figure.goal.op} ${figure.goal.value}` : 'reported, no goal';
  const value = Math.abs(figure.value) < 10 ? figure.value.toFixed(2) : Math.round(figure.value);
  return `bench ${name}: ${value} ${figure.unit} (${goal})`;
}

export function meetsGoal(figure: BenchFigure): boolean {
  if (!figure.goal) return true;
  return figure.goal.op === '<='
    ? figure.value <= figure.goal.value
    : figure.value >= figure.goal.value;
}
