/**
 * What moved between two year-ends, one figure per row: between two published revisions, or between
 * the current policy and a draft. Names, the figure, before and after, as a clerk would read them.
 */
import type { RunChange } from '@plsr/shared/schemas';
import {
  BAND_LABELS,
  RUN_CHANGE_FIELD_LABELS,
  STAFF_ROW_STATUS_LABELS,
  WORKSTATION_ROW_STATUS_LABELS,
  type Band,
  type StaffRowStatus,
  type WorkstationRowStatus,
} from '@plsr/shared/vocabulary';
import { DataTable, type Column } from './DataTable';

const KIND_LABELS: Record<RunChange['kind'], string> = { workstation: '工作站', staff: '服务人员', region: '地区汇总' };

/** A figure as the year-end screen writes it. */
function shown(c: RunChange, v: string | number | null): string {
  if (v === null) return '—';
  if (c.field === 'band') return BAND_LABELS[v as Band] ?? String(v);
  if (c.field === 'status') {
    const labels: Record<string, string> = c.kind === 'staff' ? STAFF_ROW_STATUS_LABELS : WORKSTATION_ROW_STATUS_LABELS;
    return labels[v as StaffRowStatus | WorkstationRowStatus] ?? String(v);
  }
  if (typeof v === 'number' && !Number.isInteger(v)) return v.toFixed(1);
  return String(v);
}

export function ChangeTable({ caption, changes, before, after }: { caption: string; changes: RunChange[]; before: string; after: string }) {
  const columns: Column<RunChange>[] = [
    { key: 'kind', label: '类别', value: (c) => KIND_LABELS[c.kind] },
    { key: 'name', label: '名称', value: (c) => c.name },
    { key: 'field', label: '项目', value: (c) => RUN_CHANGE_FIELD_LABELS[c.field] },
    { key: 'before', label: before, value: (c) => shown(c, c.before), wrap: true },
    { key: 'after', label: after, value: (c) => shown(c, c.after), wrap: true },
  ];
  return <DataTable caption={caption} columns={columns} rows={changes} rowKey={(c) => `${c.kind} ${c.key} ${c.field}`} />;
}
