/**
 * Calls that arrive in the same turn of the event loop, handled together at its end: the way the
 * database's writes are grouped (SQLite's group commit, PostgreSQL's new ratings in one statement). A
 * call made alone waits for nothing but the end of the current turn.
 */
export function perTurn<I, O>(handle: (items: I[]) => Promise<O[]>, most: number): (item: I) => Promise<O> {
  const waiting: { item: I; done: (out: O) => void; failed: (error: unknown) => void }[] = [];
  const flush = async () => {
    const group = waiting.splice(0, most);
    if (waiting.length > 0) setImmediate(() => void flush());
    try {
      const out = await handle(group.map((g) => g.item));
      group.forEach((g, i) => g.done(out[i]!));
    } catch (error) {
      for (const g of group) g.failed(error);
    }
  };
  return (item) =>
    new Promise<O>((done, failed) => {
      waiting.push({ item, done, failed });
      if (waiting.length === 1) setImmediate(() => void flush());
    });
}
