/**
 * Runs one request loop per asker until `stop()`, as readers keep loading pages while a build is
 * switched; every answer and every request that failed outright is recorded.
 */
export function keepAsking<T>(askers: (() => Promise<T>)[]) {
  const answers: T[] = [];
  const failures: string[] = [];
  let running = true;
  const loops = askers.map(async (ask) => {
    while (running) {
      try {
        answers.push(await ask());
      } catch (err) {
        failures.push(String((err as Error).cause ?? err));
      }
    }
  });
  return {
    answers,
    failures,
    stop: async () => {
      running = false;
      await Promise.all(loops);
    },
  };
}
