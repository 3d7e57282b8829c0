/**
 * GB/T 2260 codes nest by prefix: 64 (宁夏) › 6404 (固原市) › 640402 (原州区) › 640402001 (南关街道) ›
 * 640402001001 (a community). Ancestry and jurisdiction are string prefixes.
 */
const PREFIX_LENGTHS = [2, 4, 6, 9, 12] as const;

/** The codes above `code`, province first; with `self`, `code` itself last. */
export function ancestorCodes(code: string, self = false): string[] {
  return PREFIX_LENGTHS.filter((n) => (self ? n <= code.length : n < code.length)).map((n) => code.slice(0, n));
}

export const cityCodeOf = (code: string): string | null => (code.length >= 4 ? code.slice(0, 4) : null);
export const countyCodeOf = (code: string): string | null => (code.length >= 6 ? code.slice(0, 6) : null);
