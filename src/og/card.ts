import { createElement as h, type ReactNode } from 'react';
import type { OgCardInput } from '../lib/og-key';

const paper = '#fbf8f3';
const ink = '#1f1b16';
const accent = '#8c2f1f';

/** The 1200×630 card: series label, the reader's question, and who asked it. */
export function ogCard({ headline, pseudonym, columnist }: OgCardInput): ReactNode {
  const size = headline.length > 90 ? 54 : headline.length > 60 ? 62 : 72;
  return h(
    'div',
    { style: { display: 'flex', width: 1200, height: 630, background: paper, borderLeft: `24px solid ${accent}` } },
    h(
      'div',
      {
        style: {
          // Satori sizes boxes without padding or border, so the inner size is spelled out.
          width: 1200 - 24 - 144,
          height: 630 - 128,
          display: 'flex',
          flexDirection: 'column',
          justifyContent: 'space-between',
          margin: '64px 72px',
          color: ink,
          fontFamily: 'Literata',
        },
      },
      h('div', { style: { fontSize: 30, fontWeight: 600, color: accent, letterSpacing: 2 } }, 'DEAR PURSEBOP'),
      h('div', { style: { fontSize: size, fontWeight: 600, lineHeight: 1.15 } }, headline),
      h(
        'div',
        { style: { display: 'flex', justifyContent: 'space-between', fontSize: 30 } },
        h('span', {}, `— ${pseudonym}`),
        h('span', { style: { color: '#5b5148' } }, `Answered by ${columnist}`),
      ),
    ),
  );
}
