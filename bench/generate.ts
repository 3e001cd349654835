// Writes a generated corpus: node bench/generate.ts --letters 1000 --seed 7 --out /tmp/pursebop-corpus
import path from 'node:path';
import { parseArgs } from 'node:util';
import { writeCorpus } from './lib/write-corpus.ts';

const { values } = parseArgs({
  options: {
    letters: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '7' },
    out: { type: 'string', default: '/tmp/pursebop-corpus' },
  },
});
const count = Number(values.letters);
const seed = Number(values.seed);
if (!Number.isInteger(count) || count < 1 || !Number.isInteger(seed)) {
  console.error('usage: node bench/generate.ts --letters <positive integer> --seed <integer> --out <folder>');
  process.exit(2);
}
const letters = await writeCorpus({ dir: values.out, contentDir: path.resolve('content'), count, seed });
console.log(`wrote ${String(letters.length)} letters to ${path.resolve(values.out)}`);
