// Prints one closing line, "N passed, N failed", over vitest's and Playwright's JSON reports.
import { existsSync, readFileSync } from 'node:fs';

const [vitestFile, playwrightFile, failedStepsArg] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;

if (vitestFile && existsSync(vitestFile)) {
  const v = JSON.parse(readFileSync(vitestFile, 'utf8'));
  passed += v.numPassedTests ?? 0;
  failed += v.numFailedTests ?? 0;
  skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
}
if (playwrightFile && existsSync(playwrightFile)) {
  const p = JSON.parse(readFileSync(playwrightFile, 'utf8'));
  passed += (p.stats?.expected ?? 0) + (p.stats?.flaky ?? 0);
  failed += p.stats?.unexpected ?? 0;
  skipped += p.stats?.skipped ?? 0;
}
// A failed static check or build counts as a failure even when no test ran.
failed += Number(failedStepsArg ?? 0) > 0 && failed === 0 ? Number(failedStepsArg) : 0;
console.log('');
console.log(`${String(passed)} passed, ${String(failed)} failed, ${String(skipped)} skipped`);
