// npm run data:export [-- --out export.json]   (stdout when --out is not given)
import { parseArgs } from 'node:util';
import { getDb } from '../../src/server/db';
import { exportData, serializeExport } from '../../src/server/data/json-dump';
import { writePrivateFile } from '../../src/server/data/private-file';
import { runCli } from './run-cli';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  const db = await getDb();
  try {
    const text = serializeExport(await exportData(db));
    if (values.out) {
      writePrivateFile(values.out, text);
      console.error(`Wrote ${values.out} (${String(Buffer.byteLength(text))} bytes).`);
    } else {
      process.stdout.write(text);
    }
    return 0;
  } finally {
    await db.close();
  }
}

runCli('Export', main);
