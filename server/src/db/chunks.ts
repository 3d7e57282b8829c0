/** Ids per IN list and rows per multi-row insert: SQLite's adapter takes at most 999 parameters a statement. */
export const IN_LIST = 500;

/** The list in pieces of at most `size`, in order. */
export function chunks<T>(list: readonly T[], size = IN_LIST): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}
