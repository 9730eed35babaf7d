/** Waiting for a state in tests: polls (never a blind sleep as synchronisation). */

/** Polls every 10 ms until `holds`; resolves with the time it took, throws after `ms`. */
export const until = async (holds: () => boolean | Promise<boolean>, ms = 10_000): Promise<number> => {
  const started = Date.now();
  while (!(await holds())) {
    if (Date.now() - started > ms) throw new Error(`not within ${ms} ms`);
    await new Promise(resolve => setTimeout(resolve, 10));
  }
  return Date.now() - started;
};

/** `until`, for a bound said first: "within a second, …". */
export const within = (ms: number, holds: () => boolean | Promise<boolean>): Promise<number> => until(holds, ms);
