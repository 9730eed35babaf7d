/** Runs work one at a time in the order asked, each after the one before settled (failed or not). */
export const serialQueue = () => {
  let queue: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };
};
