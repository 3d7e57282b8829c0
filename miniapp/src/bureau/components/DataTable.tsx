/**
 * A wide table for the console: a header row that stays in view while the rows scroll, a sort on
 * every column (press the header; again for the other direction), and pages of 50 rows. Built from
 * views with table roles, so a screen reader and the browser tests read it as a table.
 */
import { Text, View } from '@tarojs/components';
import { useMemo, useState, type ReactNode } from 'react';
import { roleOf } from '../../lib/a11y';

export interface Column<T> {
  key: string;
  label: string;
  /** What the column sorts by (null: no value, always last). */
  value: (row: T) => string | number | null;
  /** What the cell shows, when not the value itself. */
  render?: (row: T) => ReactNode;
  numeric?: boolean;
  /** Long text (a list of stations): wraps within a bounded width instead of widening the table. */
  wrap?: boolean;
}

type Sort = { key: string; direction: 'ascending' | 'descending' };

const collator = typeof Intl !== 'undefined' ? new Intl.Collator('zh-Hans-CN') : undefined;

function compare(a: string | number | null, b: string | number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator ? collator.compare(String(a), String(b)) : String(a) < String(b) ? -1 : 1;
}

export function DataTable<T>({
  caption,
  columns,
  rows,
  rowKey,
  initialSort,
  pageSize = 50,
}: {
  caption: string;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string | number;
  initialSort?: Sort;
  pageSize?: number;
}) {
  const [sort, setSort] = useState<Sort | undefined>(initialSort);
  const [page, setPage] = useState(0);
  const sorted = useMemo(() => {
    const column = columns.find((c) => c.key === sort?.key);
    if (!column || !sort) return rows;
    const sign = sort.direction === 'ascending' ? 1 : -1;
    // Rows without a value stay last in both directions.
    return [...rows].sort((x, y) => {
      const a = column.value(x);
      const b = column.value(y);
      if (a === null || b === null) return compare(a, b);
      return sign * compare(a, b);
    });
  }, [rows, columns, sort]);
  const pages = Math.max(1, Math.ceil(sorted.length / pageSize));
  const current = Math.min(page, pages - 1);
  const shown = sorted.slice(current * pageSize, (current + 1) * pageSize);

  const press = (key: string) => {
    setSort((s) => ({ key, direction: s?.key === key && s.direction === 'ascending' ? 'descending' : 'ascending' }));
    setPage(0);
  };

  return (
    <View className="table-block">
      <View className="table-scroll">
        <View className="table" {...roleOf('table')} aria-label={caption} aria-rowcount={String(sorted.length + 1)}>
          <View className="table__row table__row--head" {...roleOf('row')}>
            {columns.map((c) => (
              <View
                key={c.key}
                className={`table__cell table__cell--head${c.numeric ? ' table__cell--num' : ''}`}
                {...roleOf('columnheader')}
                aria-sort={sort?.key === c.key ? sort.direction : 'none'}
              >
                <Text className="table__sort" {...roleOf('button')} onClick={() => press(c.key)}>
                  {c.label}
                  <Text aria-hidden className="table__sort-mark">
                    {sort?.key === c.key ? (sort.direction === 'ascending' ? ' ▲' : ' ▼') : ''}
                  </Text>
                </Text>
              </View>
            ))}
          </View>
          {shown.map((row) => (
            <View key={rowKey(row)} className="table__row" {...roleOf('row')}>
              {columns.map((c) => (
                <View key={c.key} className={`table__cell${c.numeric ? ' table__cell--num' : ''}${c.wrap ? ' table__cell--wrap' : ''}`} {...roleOf('cell')}>
                  {c.render ? c.render(row) : <Text>{c.value(row) ?? '—'}</Text>}
                </View>
              ))}
            </View>
          ))}
        </View>
      </View>
      {sorted.length === 0 ? <Text className="muted table__empty">没有符合条件的记录</Text> : null}
      {pages > 1 ? (
        <View className="pager">
          <Text
            className={`link${current === 0 ? ' link--off' : ''}`}
            {...roleOf('button')}
            aria-disabled={current === 0 ? 'true' : 'false'}
            onClick={() => current > 0 && setPage(current - 1)}
          >
            上一页
          </Text>
          <Text className="pager__where">
            第 {current + 1} / {pages} 页,共 {sorted.length} 条
          </Text>
          <Text
            className={`link${current === pages - 1 ? ' link--off' : ''}`}
            {...roleOf('button')}
            aria-disabled={current === pages - 1 ? 'true' : 'false'}
            onClick={() => current < pages - 1 && setPage(current + 1)}
          >
            下一页
          </Text>
        </View>
      ) : null}
    </View>
  );
}
