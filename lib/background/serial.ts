/**
 * One at a time: each function passed to the returned runner starts after the previous one
 * settled (an alarm and a "sync now" may meet; two tabs may report at once). The chain lives
 * in the closure of whoever created the runner (startBackground), not in a module variable:
 * the service worker keeps no module-level state (MV3 restarts it at will, and a test that
 * starts a second background gets a chain of its own).
 */
export type Serial = <T>(fn: () => Promise<T>) => Promise<T>;

export function createSerial(): Serial {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(fn: () => Promise<T>) => {
    const run = tail.then(fn, fn);
    tail = run.catch(() => {});
    return run;
  };
}
