/** Display helpers for people (a station's place: placeOf in @plsr/shared/schemas). */

/** Avatar initials: the given name of a Chinese name (last two characters), else Latin initials. */
export function initialsOf(name: string): string {
  const trimmed = name.replace(/[（(].*$/, '').trim();
  if (/^[\u4e00-\u9fff]+$/.test(trimmed)) return trimmed.length <= 2 ? trimmed : trimmed.slice(-2);
  const words = trimmed.split(/\s+/).filter(Boolean);
  return (
    words
      .slice(0, 2)
      .map((w) => w[0]?.toUpperCase() ?? '')
      .join('') || '?'
  );
}

/** 2026-11-25T08:30:00.000Z → 11月25日 (Beijing). */
export function shortDate(isoOrDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoOrDate);
  if (!m) return isoOrDate;
  return `${Number(m[2])}月${Number(m[3])}日`;
}
