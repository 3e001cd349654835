/**
 * Runs a command-line entry point: the exit code comes from `main`, errors the user can fix
 * (instances of `expected`) print their message alone, anything else is reported as `what` failed.
 */
export function runCli(
  what: string,
  main: () => Promise<number>,
  expected: readonly (abstract new (...args: never[]) => Error)[] = [],
): void {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      const known = expected.some((type) => err instanceof type);
      const message = err instanceof Error ? err.message : String(err);
      console.error(known ? message : `${what} failed: ${message}`);
      process.exitCode = 1;
    },
  );
}
