// Formatting of the benchmark's Markdown report.

export const median = (values) => {
  const sorted = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

export const fmt = {
  int: (value) => (Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : 'n/a'),
  ms: (value) => (Number.isFinite(value) ? `${value < 10 ? value.toFixed(1) : Math.round(value)} ms` : 'n/a'),
  s: (value) => (Number.isFinite(value) ? `${(value / 1000).toFixed(1)} s` : 'n/a'),
  kb: (bytes) => (Number.isFinite(bytes) ? `${(bytes / 1024).toFixed(1)} KB` : 'n/a'),
  mb: (kib) => (Number.isFinite(kib) ? `${(kib / 1024).toFixed(0)} MB` : 'n/a'),
  pct: (ratio) => (Number.isFinite(ratio) ? `${(ratio * 100).toFixed(1)} %` : 'n/a'),
};

const verdict = (pass) => (pass === undefined ? '' : pass ? 'PASS' : '**FAIL**');

/** A Markdown table of [metric, measured, target, pass?] rows. */
export function table(rows) {
  const lines = ['| Metric | Measured | Target | Result |', '| --- | --- | --- | --- |'];
  for (const [metric, measured, target = '', pass] of rows) lines.push(`| ${metric} | ${measured} | ${target} | ${verdict(pass)} |`);
  return lines.join('\n');
}
