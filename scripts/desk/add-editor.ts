// npm run desk:add-editor -- --email ed@example.com --name "Ed Itor"
// Prompts twice for the password (hidden) on a terminal; reads the first line of stdin otherwise.
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { config } from '../../src/server/config';
import { getDb } from '../../src/server/db';
import { EditorInputError, upsertEditor } from '../../src/server/auth/editors';
import { runCli } from './run-cli';

function askHidden(question: string): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk: Buffer, _enc, done) {
      if (!muted) process.stdout.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  return new Promise((resolve) => {
    rl.question(question, (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    });
    muted = true;
  });
}

async function readStdinLine(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return (Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '').trimEnd();
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { email: { type: 'string' }, name: { type: 'string' } },
    allowPositionals: false,
  });
  if (!values.email) {
    console.error('Usage: npm run desk:add-editor -- --email you@example.com [--name "Your Name"]');
    return 2;
  }
  let password: string;
  if (process.stdin.isTTY) {
    password = await askHidden('Password (at least 12 characters): ');
    const again = await askHidden('Repeat the password: ');
    if (password !== again) {
      console.error('The two passwords differ; nothing was changed.');
      return 1;
    }
  } else {
    password = await readStdinLine();
  }
  const db = await getDb();
  try {
    const editor = await upsertEditor(db, {
      email: values.email,
      displayName: values.name ?? values.email.split('@')[0] ?? values.email,
      password,
    });
    const where = config().DATABASE_URL ? 'PostgreSQL' : config().sqliteFile;
    console.log(
      `${editor.created ? 'Created' : 'Updated'} editor ${editor.email} (id ${String(editor.id)}) in ${where}.`,
    );
    return 0;
  } finally {
    await db.close();
  }
}

runCli('Adding the editor', main, [EditorInputError]);
