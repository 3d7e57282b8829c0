/**
 * An audit entry's before and after as a clerk reads them: each field by its Chinese name, a created
 * thing as its fields, a change as only the fields that changed (原 → 新), codes as their labels.
 */
import {
  CASE_STATUS_LABELS,
  CASE_STEP_LABELS,
  INSPECTION_ASPECT_LABELS,
  RATING_STATUS_LABELS,
  STAFF_ROLE_LABELS,
  STAFF_STATUS_LABELS,
  STATION_STATUS_LABELS,
  USER_ROLE_LABELS,
  type CaseStatus,
  type CaseStep,
  type RatingStatus,
  type StaffRole,
  type StaffStatus,
  type StationStatus,
  type UserRole,
} from '@plsr/shared/vocabulary';

const FIELD_LABELS: Record<string, string> = {
  ...INSPECTION_ASPECT_LABELS,
  name: '名称',
  status: '状态',
  role: '类别',
  licenceNumber: '执业证号',
  organisation: '执业机构或单位',
  countyCode: '县(区)代码',
  cityCode: '市代码',
  staffId: '人员编号',
  staffName: '姓名',
  station: '站点',
  stationId: '站点序号',
  fromDate: '开始日期',
  toDate: '结束日期',
  exempt: '暂不参评',
  exemptReason: '暂不参评原因',
  inspectedOn: '验收日期',
  notes: '备注',
  seed: '随机种子',
  size: '抽取数量',
  population: '可抽取的工作室',
  stations: '抽中的站点',
  disabled: '停用',
  region: '地区',
  code: '编码',
  village: '村(社区)代码',
  villageName: '村(社区)名称',
  step: '办理步骤',
};

/** A value as text; `kind` is what the subject names (station, staff, account…), for status and role. */
function text(kind: string, key: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return '(空)';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (Array.isArray(v)) return v.map((x) => text(kind, key, x)).join('、');
  if (typeof v === 'object') return JSON.stringify(v);
  const s = String(v);
  if (key === 'status' && kind === 'station') return STATION_STATUS_LABELS[s as StationStatus] ?? s;
  if (key === 'status' && kind === 'staff') return STAFF_STATUS_LABELS[s as StaffStatus] ?? s;
  if (key === 'status' && kind === 'rating') return RATING_STATUS_LABELS[s as RatingStatus] ?? s;
  if (key === 'status' && kind === 'case') return CASE_STATUS_LABELS[s as CaseStatus] ?? s;
  if (key === 'step' && kind === 'case') return CASE_STEP_LABELS[s as CaseStep] ?? s;
  if (key === 'role' && kind === 'staff') return STAFF_ROLE_LABELS[s as StaffRole] ?? s;
  if (key === 'role' && kind === 'account') return USER_ROLE_LABELS[s as UserRole] ?? s;
  return s;
}

const label = (key: string) => FIELD_LABELS[key] ?? key;
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** One line per field: "名称:甲" for what was made (empty fields left out), "状态:正常服务 → 暂停服务" for what changed. */
export function describeChange(subject: string, before: unknown, after: unknown): string[] {
  const kind = subject.split(':')[0] ?? '';
  if (!isRecord(after)) return after === null || after === undefined ? [] : [text(kind, '', after)];
  // What was made: its fields that have a value.
  if (!isRecord(before))
    return Object.entries(after)
      .filter(([, v]) => v !== null && v !== undefined && v !== '')
      .map(([k, v]) => `${label(k)}:${text(kind, k, v)}`);
  return Object.keys({ ...before, ...after })
    .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    .map((k) => `${label(k)}:${text(kind, k, before[k])} → ${text(kind, k, after[k])}`);
}
