/** One corpus size and the cold build times measured at it (seconds; null when a build failed). */
export interface ScalePoint {
  letters: number;
  site: number | null;
  baseline: number | null;
}

const W = 640;
const H = 360;
const PAD = { left: 64, right: 150, top: 36, bottom: 48 };

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${String(c.charCodeAt(0))};`);

/** A small line chart of build time against letters, site and baseline, as a standalone SVG. */
export function scalingChart(points: readonly ScalePoint[], title: string): string {
  const xs = points.map((p) => p.letters);
  const ys = points.flatMap((p) => [p.site, p.baseline]).filter((v): v is number => v !== null);
  const maxX = Math.max(1, ...xs);
  const maxY = Math.max(1, ...ys) * 1.1;
  const x = (v: number) => PAD.left + (v / maxX) * (W - PAD.left - PAD.right);
  const y = (v: number) => H - PAD.bottom - (v / maxY) * (H - PAD.top - PAD.bottom);
  const series = [
    { key: 'site' as const, name: 'Dear PurseBop', colour: '#8c2f1f' },
    { key: 'baseline' as const, name: 'plain Astro MDX blog', colour: '#4a6b8a' },
  ];
  const lines = series.map(({ key, name, colour }) => {
    const pts = points.filter((p) => p[key] !== null).map((p) => [x(p.letters), y(p[key] ?? 0)] as const);
    const path = pts.map(([px, py], i) => `${i ? 'L' : 'M'}${px.toFixed(1)},${py.toFixed(1)}`).join(' ');
    const dots = pts.map(
      ([px, py]) => `<circle cx="${px.toFixed(1)}" cy="${py.toFixed(1)}" r="3.5" fill="${colour}"/>`,
    );
    const last = pts.at(-1);
    const label = last
      ? `<text x="${(last[0] + 8).toFixed(1)}" y="${(last[1] + 4).toFixed(1)}" fill="${colour}">${esc(name)}</text>`
      : '';
    return `<path d="${path}" fill="none" stroke="${colour}" stroke-width="2"/>${dots.join('')}${label}`;
  });
  const yTicks = Array.from({ length: 5 }, (_, i) => (maxY / 4) * i).map(
    (v) =>
      `<line x1="${String(PAD.left)}" x2="${String(W - PAD.right)}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#ddd"/>` +
      `<text x="${String(PAD.left - 8)}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end">${v.toFixed(0)} s</text>`,
  );
  const xTicks = xs.map(
    (v) =>
      `<text x="${x(v).toFixed(1)}" y="${String(H - PAD.bottom + 18)}" text-anchor="middle">${v.toLocaleString('en-GB')}</text>`,
  );
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${String(W)} ${String(H)}" width="${String(W)}" height="${String(H)}" font-family="sans-serif" font-size="12" role="img" aria-label="${esc(title)}">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="${String(PAD.left)}" y="20" font-size="14" font-weight="bold">${esc(title)}</text>`,
    ...yTicks,
    ...xTicks,
    `<text x="${String((PAD.left + W - PAD.right) / 2)}" y="${String(H - 10)}" text-anchor="middle">letters</text>`,
    ...lines,
    '</svg>',
    '',
  ].join('\n');
}
