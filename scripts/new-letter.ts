// npm run letter:new -- "The reader's question?"
// Writes content/letters/YYYY-MM-DD-slug.mdx as a draft, never overwriting an existing file.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { headlineProblem, letterFileName, scaffoldLetter } from '../src/lib/letter-scaffold.ts';
import { config } from '../src/server/config.ts';

const lettersDir = config().lettersDir;

function fail(message: string): never {
  console.error(`letter:new: ${message}`);
  process.exit(1);
}

const headline = process.argv.slice(2).join(' ').trim();
if (!headline) fail('give the headline in quotes, e.g. npm run letter:new -- "Should I buy a Kelly?"');
const problem = headlineProblem(headline);
if (problem) fail(problem);

const columnist = readdirSync(join(config().contentDir, 'columnists'))
  .filter((name) => name.endsWith('.md'))
  .map((name) => name.replace(/\.md$/, ''))
  .sort()[0];
const topics = JSON.parse(readFileSync(join(config().contentDir, 'topics.json'), 'utf8')) as { id: string }[];
const topic = topics[0]?.id;
if (!columnist || !topic) fail('content/columnists/ and content/topics.json must each have at least one entry.');

const day = new Date().toISOString().slice(0, 10);
const file = join(lettersDir, letterFileName({ headline, day }));
try {
  writeFileSync(file, scaffoldLetter({ headline, day, columnist, topic }), { flag: 'wx' });
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  fail(
    code === 'EEXIST'
      ? `${file} already exists; choose another headline.`
      : `could not write ${file} (${String(code)}).`,
  );
}
console.log(`Created ${file} (draft: visible in npm run dev until you set draft: false).`);
