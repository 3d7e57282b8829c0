/**
 * 审计日志: every change in the jurisdiction (review decisions, inspections, the registry, accounts):
 * who, when (Beijing time), what, before and after, and why; filtered by action, account and dates,
 * newest first, 50 at a time. For the region's and the cities' bureaus.
 */
import { Button, Input, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { CONSOLE_ROUTES } from '@plsr/shared/contract';
import type { AuditEntry } from '@plsr/shared/schemas';
import { beijingDateTime } from '@plsr/shared/time';
import { AUDIT_ACTIONS, AUDIT_ACTION_LABELS, type AuditAction } from '@plsr/shared/vocabulary';
import { ApiError } from '../../../api/http';
import { FieldError } from '../../../components/FieldError';
import { fieldLabel, roleOf } from '../../../lib/a11y';
import { ChoiceRow } from '../../components/Choice';
import { DataTable, type Column } from '../../components/DataTable';
import { Section } from '../../components/Section';
import { BureauShell } from '../../components/Shell';
import { describeChange } from '../../lib/audit-change';
import { bureauCall, bureauSession } from '../../lib/session';

const COLUMNS: Column<AuditEntry>[] = [
  { key: 'at', label: '时间', value: (e) => beijingDateTime(new Date(e.at)) },
  { key: 'user', label: '账号', value: (e) => e.username },
  { key: 'action', label: '操作', value: (e) => e.actionLabel },
  { key: 'subject', label: '对象', value: (e) => e.subject },
  { key: 'region', label: '地区', value: (e) => e.region.name },
  { key: 'reason', label: '原因', value: (e) => e.reason },
  {
    key: 'change',
    label: '变更',
    value: (e) => describeChange(e.subject, e.before, e.after).join(';'),
    render: (e) => <Text className="audit-change">{describeChange(e.subject, e.before, e.after).join('\n')}</Text>,
  },
];

type Filter = { action: AuditAction | ''; username: string; from: string; to: string };

export default function AuditPage() {
  const session = bureauSession();
  const home = session?.user.region ?? { code: '', name: '' };
  const [filter, setFilter] = useState<Filter>({ action: '', username: '', from: '', to: '' });
  const [entries, setEntries] = useState<AuditEntry[]>();
  const [next, setNext] = useState<number | null>(null);
  const [error, setError] = useState<string>();

  const load = (f: Filter, before?: number) =>
    bureauCall(CONSOLE_ROUTES.auditLog, {
      query: {
        region: home.code,
        action: f.action || undefined,
        username: f.username.trim() || undefined,
        from: f.from || undefined,
        to: f.to || undefined,
        before: before === undefined ? undefined : String(before),
      },
    }).then(
      (page) => {
        setError(undefined);
        setEntries((old) => (before ? [...(old ?? []), ...page.entries] : page.entries));
        setNext(page.nextBefore);
      },
      (e: unknown) => setError(e instanceof ApiError ? e.message : '加载失败,请稍后重试'),
    );
  useEffect(() => {
    if (session) void load(filter);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the first page once; filters reload by button
  }, []);

  return (
    <BureauShell title="审计日志" current="audit">
      <View className="card filters">
        <ChoiceRow
          label="操作"
          options={[
            { value: '' as AuditAction | '', text: '全部' },
            ...AUDIT_ACTIONS.map((a) => ({ value: a as AuditAction | '', text: AUDIT_ACTION_LABELS[a] })),
          ]}
          value={filter.action}
          onChange={(action) => {
            const f = { ...filter, action };
            setFilter(f);
            void load(f);
          }}
        />
        <View className="filter-fields">
          <Input
            className="input"
            {...fieldLabel('账号')}
            placeholder="账号(用户名)"
            value={filter.username}
            onInput={(e) => setFilter((f) => ({ ...f, username: e.detail.value }))}
          />
          <Input
            className="input"
            {...fieldLabel('开始日期')}
            placeholder="开始日期 YYYY-MM-DD"
            value={filter.from}
            maxlength={10}
            onInput={(e) => setFilter((f) => ({ ...f, from: e.detail.value }))}
          />
          <Input
            className="input"
            {...fieldLabel('结束日期')}
            placeholder="结束日期 YYYY-MM-DD"
            value={filter.to}
            maxlength={10}
            onInput={(e) => setFilter((f) => ({ ...f, to: e.detail.value }))}
          />
          <Button className="btn btn--primary btn--inline" {...roleOf('button')} onClick={() => void load(filter)}>
            查询
          </Button>
        </View>
      </View>
      <FieldError message={error} />
      {entries ? (
        <Section title={`${home.name}的变更记录(最新在前)`}>
          <DataTable caption="审计日志" columns={COLUMNS} rows={entries} rowKey={(e) => e.id} pageSize={50} />
          {next !== null ? (
            <Button className="btn btn--plain btn--inline" {...roleOf('button')} onClick={() => void load(filter, next)}>
              加载更早的记录
            </Button>
          ) : null}
        </Section>
      ) : null}
    </BureauShell>
  );
}
