/**
 * A card with a search box above its table (站点名单, 服务人员名单): the page filters, the table sorts and pages.
 * Without rows yet (`rows` undefined) it says 正在加载… while `loading`, and nothing otherwise.
 */
import { Input, Text } from '@tarojs/components';
import type { ReactNode } from 'react';
import { fieldLabel } from '../../lib/a11y';
import { DataTable, type Column } from './DataTable';
import { Section } from './Section';

export function SearchableTable<T>(props: {
  title: ReactNode;
  /** The search box's name, e.g. 搜索站点. */
  searchLabel: string;
  placeholder: string;
  search: string;
  onSearch: (text: string) => void;
  caption: string;
  columns: Column<T>[];
  rows: T[] | undefined;
  loading?: boolean;
  rowKey: (row: T) => string | number;
}) {
  if (!props.rows) return props.loading ? <Text className="muted">正在加载…</Text> : null;
  return (
    <Section title={props.title}>
      <Input
        className="input search"
        {...fieldLabel(props.searchLabel)}
        placeholder={props.placeholder}
        value={props.search}
        onInput={(e) => props.onSearch(e.detail.value)}
      />
      <DataTable caption={props.caption} columns={props.columns} rows={props.rows} rowKey={props.rowKey} />
    </Section>
  );
}
