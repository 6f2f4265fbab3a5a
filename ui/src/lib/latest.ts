// Keeps only the newest answer: a slow response to "ha" must never replace the results of "han".
export function latestOnly<A extends unknown[], T>(
  fn: (...args: A) => Promise<T>,
): (...args: A) => Promise<{ stale: true } | { stale: false; value: T }> {
  let seq = 0;
  return async (...args: A) => {
    const mine = ++seq;
    const value = await fn(...args);
    return mine === seq ? { stale: false, value } : { stale: true };
  };
}
