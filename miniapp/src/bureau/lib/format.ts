import { beijingDate, yearOfDate } from '@plsr/shared/time';

/** How the console writes numbers: scores to one decimal, shares as percentages, nothing as —. */
export const score = (v: number | null): string => (v === null ? '—' : v.toFixed(1));
export const percent = (v: number | null): string => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

/** The year it is now in Beijing: the year the console opens on. */
export const currentYear = (): number => yearOfDate(beijingDate(new Date()));

/** Today in Beijing, YYYY-MM-DD: the date a form starts from. */
export const today = (): string => beijingDate(new Date());

/** A search box's filter: every row when empty, else the rows where any text holds the query. */
export const matches = (query: string, ...texts: (string | null)[]): boolean => {
  const q = query.trim();
  return !q || texts.some((t) => t?.includes(q));
};
