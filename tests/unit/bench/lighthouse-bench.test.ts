import { describe, expect, it } from 'vitest';
import { medianRun, range, type LighthouseReport } from '../../../bench/lib/lighthouse-bench.ts';

function report(performance: number, tbt: number): LighthouseReport {
  return {
    categories: { performance: { score: performance, auditRefs: [] } },
    audits: { 'total-blocking-time': { score: null, numericValue: tbt } },
  };
}

describe('medianRun', () => {
  it('picks the run in the middle by performance score, not the first or the best', () => {
    const runs = [report(0.99, 80), report(0.85, 600), report(0.93, 250), report(0.7, 900), report(0.96, 150)];
    expect(medianRun(runs)).toBe(runs[2]);
  });

  it('breaks a tie in score by blocking time, so the run with the middle blocking time is reported', () => {
    const runs = [report(0.9, 100), report(0.9, 500), report(0.9, 300)];
    expect(medianRun(runs)).toBe(runs[2]);
  });

  it('reports the lower middle of an even count and nothing for no runs', () => {
    const runs = [report(0.8, 0), report(0.95, 0)];
    expect(medianRun(runs)).toBe(runs[0]);
    expect(medianRun([])).toBeUndefined();
  });
});

describe('range', () => {
  it('shows the spread of the runs, or one value when they agree', () => {
    expect(range([93, 88, 95])).toBe('88–95');
    expect(range([100, 100], ' ms')).toBe('100 ms');
    expect(range([])).toBe('n/a');
  });
});
