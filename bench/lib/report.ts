/** One figure the benchmark prints, with the target when it has one. */
export interface Figure {
  section: string;
  label: string;
  /** null when it could not be measured (see note). */
  value: number | null;
  unit: string;
  target?: { op: '<=' | '>='; value: number };
  /** Why a value is missing, or what qualifies it. */
  note?: string;
}

export type Verdict = 'PASS' | 'MISS' | 'n/a' | '';

export function verdict(f: Figure): Verdict {
  if (!f.target) return f.value === null ? 'n/a' : '';
  if (f.value === null || !Number.isFinite(f.value)) return 'n/a';
  return (f.target.op === '<=' ? f.value <= f.target.value : f.value >= f.target.value) ? 'PASS' : 'MISS';
}

function formatNumber(v: number, unit: string): string {
  if (unit === 'x') return `${v.toFixed(2)}×`;
  if (unit === 'count' || unit === 'score') return String(Math.round(v));
  const digits = Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : 2;
  return `${v.toFixed(digits)} ${unit}`;
}

export function formatValue(f: Figure): string {
  return f.value === null ? 'n/a' : formatNumber(f.value, f.unit);
}

function formatTarget(f: Figure): string {
  return f.target ? `${f.target.op === '<=' ? '≤' : '≥'} ${formatNumber(f.target.value, f.unit)}` : '';
}

/** A plain-text table: section, measure, value, target, verdict, note. */
export function renderTable(figures: readonly Figure[]): string {
  const rows = figures.map((f) => [f.section, f.label, formatValue(f), formatTarget(f), verdict(f), f.note ?? '']);
  const header = ['Section', 'Measure', 'Value', 'Target', 'Result', 'Note'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join(' | ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map(line)].join('\n');
}

/** The same table in Markdown, ready for the README's Performance section; `|` in notes is escaped. */
export function renderMarkdown(figures: readonly Figure[], heading: string): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  const rows = figures.map((f) =>
    [
      f.section,
      f.label,
      formatValue(f),
      formatTarget(f),
      verdict(f) === 'PASS' ? 'met' : verdict(f) === 'MISS' ? '**missed**' : verdict(f),
      f.note ?? '',
    ]
      .map(cell)
      .join(' | '),
  );
  return [
    heading,
    '',
    '| section | measure | value | target | result | note |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r} |`),
    '',
  ].join('\n');
}

export const MB = 1024 * 1024;
export const kB = 1000;
