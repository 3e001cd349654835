import { createRng, type Rng } from './prng.ts';

/**
 * Word material for the generated corpus. The benchmark cares about size and shape more than
 * sense, but a search index reacts to vocabulary: a few frequent words plus a long tail of rare
 * ones (Zipf-like) gives posting lists closer to real prose than a small repeated word list would.
 */

export const BRANDS = [
  'Hermès',
  'Chanel',
  'Louis Vuitton',
  'Goyard',
  'Dior',
  'Bottega Veneta',
  'Loewe',
  'Celine',
  'Fendi',
  'Prada',
] as const;

export const MODELS = [
  'Birkin',
  'Kelly',
  'Constance',
  'Evelyne',
  'Picotin',
  'Classic Flap',
  'Boy Bag',
  'Speedy',
  'Neverfull',
  'Saint Louis',
  'Lady Dior',
  'Saddle',
  'Cassette',
  'Puzzle',
  'Triomphe',
  'Baguette',
  'Galleria',
] as const;

export const LEATHERS = [
  'Box calf',
  'Togo',
  'Epsom',
  'Clemence',
  'Swift',
  'lambskin',
  'caviar',
  'coated canvas',
] as const;
export const COLOURS = ['gold', 'black', 'etoupe', 'rouge', 'craie', 'navy', 'bordeaux', 'sage', 'blush'] as const;

const HEADLINES = [
  'Should I buy a {brand} {model} before the next price rise?',
  'My sales associate offered me a {model}. Do I have to say yes?',
  'Is a preloved {brand} {model} worth the risk?',
  'How do I look after {leather} when it rains half the year?',
  'The {colour} {model} I ordered arrived in the wrong shade. What now?',
  'Can a {model} really be an everyday bag?',
  'The corners of my {model} are wearing through. Repair or live with it?',
  'My friend says my {brand} bag is fake. How do I find out?',
  'Is it rude to ask my associate about the waiting list for a {model}?',
  'Should my first serious bag be a {brand} {model}?',
] as const;

const SUMMARIES = [
  'A reader weighs a {brand} purchase against her savings, and the column suggests buying for the life she has.',
  'A nervous buyer asks how to check a preloved {model}; the answer walks through paperwork, stitching and sellers.',
  'Water marks, worn corners and a worried owner: what to do now and what to leave to a workshop.',
  'A long wait for a {colour} special order ends in surprise, and the column explains the options.',
  'A reader wonders how much a boutique relationship should cost, and where to draw the line.',
] as const;

const PSEUDONYM_FIRST = [
  'Second',
  'Nervous',
  'Rained-On',
  'Patient',
  'Puzzled',
  'Hopeful',
  'Thrifty',
  'Late',
  'Careful',
  'Curious',
] as const;
const PSEUDONYM_SECOND = ['Guesser', 'Newcomer', 'Collector', 'Saver', 'Owner', 'Shopper', 'Reader', 'Waiter'] as const;

const HEAD_WORDS = (
  'the and to a of I it is in my that for you with was but on this have be not as at your so if or what ' +
  'from she her we can will would one all about when more there just do an by out up than been them ' +
  'some how which into time only over also after first well even because any these most us very still ' +
  'never year much before again really'
).split(' ');
const DOMAIN_WORDS = (
  'bag leather boutique associate handle strap stitching hardware corner edge lining receipt dust box ' +
  'price resale waitlist quota order colour shade clasp zip canvas calfskin lambskin caviar patina ' +
  'scratch scuff stain rain workshop repair restorer spa authenticity certificate serial stamp heat ' +
  'conditioner cloth shelf wardrobe closet budget savings gift birthday anniversary travel airport ' +
  'office weekend dinner market client purchase history appointment visit store manager tote clutch ' +
  'crossbody shoulder flap pochette wallet scarf belt shoes jewellery gold silver palladium brass feet ' +
  'base sangles turnlock padlock clochette keys care wear carry store clean protect wait ask offer ' +
  'decline choose sell buy love regret worry trust check compare measure return exchange seller ' +
  'platform photos listing invoice warranty courier package mirror hallway sister mother friend partner ' +
  'husband wife colleague daughter son grandmother inheritance vintage preloved pristine honest gentle ' +
  'careful expensive modest structured slouchy tiny roomy heavy light sturdy delicate glossy matte ' +
  'grainy smooth supple stiff'
).split(' ');

let cachedTail: string[] | undefined;

/** Thousands of made-up rare words, fixed for every corpus (seeded separately from the letters). */
function tailWords(): string[] {
  if (cachedTail) return cachedTail;
  const syllables = ['ba', 'lo', 'mer', 'tin', 'sa', 've', 'ron', 'qui', 'del', 'ha', 'mo', 'ra', 'ste', 'li'];
  const more = ['gan', 'por', 'en', 'ca', 'dra', 'vis', 'nu', 'tel', 'bri', 'so'];
  const all = [...syllables, ...more];
  const rng = createRng(20_260_101);
  const seen = new Set<string>();
  while (seen.size < 4000) {
    const n = rng.int(2, 4);
    let w = '';
    for (let i = 0; i < n; i++) w += rng.pick(all);
    seen.add(w);
  }
  cachedTail = [...seen];
  return cachedTail;
}

let cachedCumulative: { words: string[]; cumulative: number[] } | undefined;

/** Words ranked by frequency with Zipf weights 1/(rank+2)^1.1, as a cumulative table. */
function zipfTable(): { words: string[]; cumulative: number[] } {
  if (cachedCumulative) return cachedCumulative;
  const words = [...HEAD_WORDS, ...DOMAIN_WORDS, ...tailWords()];
  const cumulative: number[] = [];
  let sum = 0;
  words.forEach((_, rank) => {
    sum += 1 / Math.pow(rank + 2, 1.1);
    cumulative.push(sum);
  });
  cachedCumulative = { words, cumulative: cumulative.map((c) => c / sum) };
  return cachedCumulative;
}

/** One word drawn with Zipf frequencies. */
export function drawWord(rng: Rng): string {
  const { words, cumulative } = zipfTable();
  const x = rng.next();
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((cumulative[mid] ?? 1) < x) lo = mid + 1;
    else hi = mid;
  }
  return words[lo] ?? 'bag';
}

/** Fills {brand}, {model}, {leather} and {colour} in a template. */
export function fillTemplate(rng: Rng, template: string, brand: string): string {
  return template
    .replaceAll('{brand}', brand)
    .replaceAll('{model}', rng.pick(MODELS))
    .replaceAll('{leather}', rng.pick(LEATHERS))
    .replaceAll('{colour}', rng.pick(COLOURS));
}

export const headlineTemplates: readonly string[] = HEADLINES;
export const summaryTemplates: readonly string[] = SUMMARIES;

export function drawPseudonym(rng: Rng): string {
  return `${rng.pick(PSEUDONYM_FIRST)} ${rng.pick(PSEUDONYM_SECOND)}`;
}
