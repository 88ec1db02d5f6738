/** One line of the benchmark table: seedgraph's figure next to its baseline, as ranges over runs. */
export interface Row {
  scenario: string;
  metric: string;
  unit: string;
  /** seedgraph's measurements, one per run. */
  value: number[];
  baselineName: string;
  baseline: number[];
  /** A target to print beside the ratio, e.g. '≤ 10 s'. */
  target?: string;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const fmt = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const range = (xs: number[]) => (xs.length > 1 ? `${fmt(median(xs))} (${fmt(Math.min(...xs))}–${fmt(Math.max(...xs))})` : fmt(xs[0]!));

/** Prints the rows as a Markdown table (ratio = seedgraph median / baseline median). */
export function printTable(rows: Row[]): void {
  console.log('| scenario | metric | seedgraph | baseline | baseline value | ratio | target |');
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  for (const r of rows) {
    const ratio = median(r.value) / median(r.baseline);
    console.log(`| ${r.scenario} | ${r.metric} | ${range(r.value)} ${r.unit} | ${r.baselineName} | ${range(r.baseline)} ${r.unit} | ${ratio.toFixed(2)}× | ${r.target ?? ''} |`);
  }
}
