import { beijingDate, yearOfDate } from '@plsr/shared/time';

/** How the console writes numbers: scores to one decimal, shares as percentages, nothing as —. */
export const score = (v: number | null): string => (v === null ? '—' : v.toFixed(1));
export const percent = (v: number | null): string => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

/** The year it is now in Beijing: the year the console opens on. */
export const currentYear = (): number => yearOfDate(beijingDate(new Date()));
