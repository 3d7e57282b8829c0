/**
 * 账号管理: the bureau accounts of the jurisdiction. The region's bureau creates a city's or a
 * county's account (its initial password shown once, to be changed at the first login), resets a
 * password, and disables or enables an account with a reason. Other bureaus see the list.
 */
import { Button, Input, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { CONSOLE_ROUTES } from '@plsr/shared/contract';
import type { BureauAccount, RegionRef } from '@plsr/shared/schemas';
import { USER_ROLE_LABELS } from '@plsr/shared/vocabulary';
import { FieldError } from '../../../components/FieldError';
import { fieldLabel, roleOf } from '../../../lib/a11y';
import { ChoiceRow } from '../../components/Choice';
import { DataTable, type Column } from '../../components/DataTable';
import { Section } from '../../components/Section';
import { ReasonActions } from '../../components/ReasonActions';
import { BureauShell } from '../../components/Shell';
import { fieldErrorsOf, messageOf } from '../../../lib/errors';
import { bureauCall, bureauSession } from '../../lib/session';

const stateOf = (a: BureauAccount) => (a.disabled ? '已停用' : a.mustChangePassword ? '待首次改密' : '在用');

export default function AccountsPage() {
  const session = bureauSession();
  const home = session?.user.region ?? { code: '', name: '' };
  const manages = session?.user.role === 'region';
  const [accounts, setAccounts] = useState<BureauAccount[]>();
  const [error, setError] = useState<string>();
  const [issued, setIssued] = useState<{ username: string; password: string }>();
  const [form, setForm] = useState({ username: '', role: 'county' as 'city' | 'county', city: '', region: '' });
  const [formErrors, setFormErrors] = useState<Record<string, string>>({});
  const [cities, setCities] = useState<RegionRef[]>([]);
  const [counties, setCounties] = useState<RegionRef[]>([]);
  const [pending, setPending] = useState<{ username: string; disabled: boolean; reason: string }>();

  const load = () =>
    bureauCall(CONSOLE_ROUTES.accounts, { query: { region: home.code } }).then(
      (r) => setAccounts(r.accounts),
      (e: unknown) => setError(messageOf(e, '加载失败,请稍后重试')),
    );
  useEffect(() => {
    if (!session) return;
    void load();
    if (manages) void bureauCall(CONSOLE_ROUTES.regions, { query: { parent: home.code } }).then((r) => setCities(r.children));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once: the session does not change on this page
  }, []);

  const pickCity = (city: string) => {
    setForm((f) => ({ ...f, city, region: f.role === 'city' ? city : '' }));
    void bureauCall(CONSOLE_ROUTES.regions, { query: { parent: city } }).then((r) => setCounties(r.children));
  };

  const create = async () => {
    setFormErrors({});
    setIssued(undefined);
    try {
      const made = await bureauCall(CONSOLE_ROUTES.createAccount, { body: { username: form.username.trim(), role: form.role, region: form.region } });
      setIssued({ username: made.account.username, password: made.initialPassword });
      setForm((f) => ({ ...f, username: '' }));
      void load();
    } catch (e) {
      setFormErrors(fieldErrorsOf(e, '创建失败,请稍后重试'));
    }
  };

  const reset = async (username: string) => {
    setError(undefined);
    try {
      const r = await bureauCall(CONSOLE_ROUTES.resetAccountPassword, { params: { username } });
      setIssued({ username, password: r.initialPassword });
      void load();
    } catch (e) {
      setError(messageOf(e, '重置失败,请稍后重试'));
    }
  };

  const setStatus = async () => {
    if (!pending) return;
    setError(undefined);
    try {
      await bureauCall(CONSOLE_ROUTES.setAccountStatus, {
        params: { username: pending.username },
        body: { disabled: pending.disabled, reason: pending.reason },
      });
      setPending(undefined);
      void load();
    } catch (e) {
      setError(messageOf(e, '操作失败,请稍后重试'));
    }
  };

  const columns: Column<BureauAccount>[] = [
    { key: 'username', label: '用户名', value: (a) => a.username },
    { key: 'role', label: '级别', value: (a) => USER_ROLE_LABELS[a.role] },
    { key: 'region', label: '地区', value: (a) => a.region.name },
    { key: 'state', label: '状态', value: stateOf },
    { key: 'created', label: '创建时间', value: (a) => a.createdAt.slice(0, 10) },
    ...(manages
      ? [
          {
            key: 'actions',
            label: '操作',
            value: () => null,
            render: (a: BureauAccount) =>
              a.role === 'region' ? (
                <Text className="muted">—</Text>
              ) : (
                <View className="row-actions">
                  <Text className="link" {...roleOf('button')} aria-label={`重置密码:${a.username}`} onClick={() => void reset(a.username)}>
                    重置密码
                  </Text>
                  <Text
                    className="link"
                    {...roleOf('button')}
                    aria-label={`${a.disabled ? '启用' : '停用'}:${a.username}`}
                    onClick={() => setPending({ username: a.username, disabled: !a.disabled, reason: '' })}
                  >
                    {a.disabled ? '启用' : '停用'}
                  </Text>
                </View>
              ),
          } satisfies Column<BureauAccount>,
        ]
      : []),
  ];

  return (
    <BureauShell title="账号管理" current="accounts">
      {issued ? (
        <Text className="notice notice--ok" {...roleOf('status')} userSelect>
          账号 {issued.username} 的初始密码:{issued.password}
          {'\n'}只显示这一次,请当面或电话告知本人;首次登录时须修改。
        </Text>
      ) : null}
      <FieldError message={error} />
      {pending ? (
        <View className="card form-card" {...roleOf('group')} aria-label={`${pending.disabled ? '停用' : '启用'}账号 ${pending.username}`}>
          <Text className="section-heading" {...roleOf('heading')} aria-level="2">
            {pending.disabled ? '停用' : '启用'}账号 {pending.username}
          </Text>
          {pending.disabled ? <Text className="muted">停用后该账号立即退出登录,不能再登录,直到重新启用。</Text> : null}
          <ReasonActions
            name="原因"
            reason={pending.reason}
            onReason={(reason) => setPending({ ...pending, reason })}
            confirm={`确认${pending.disabled ? '停用' : '启用'}`}
            onConfirm={() => void setStatus()}
            onCancel={() => setPending(undefined)}
          />
        </View>
      ) : null}
      {manages ? (
        <Section title="新建账号" form>
          <ChoiceRow
            label="级别"
            options={[
              { value: 'county', text: '县(区)司法局' },
              { value: 'city', text: '市司法局' },
            ]}
            value={form.role}
            onChange={(role) => setForm((f) => ({ ...f, role, region: role === 'city' ? f.city : '' }))}
          />
          <ChoiceRow label="市" options={cities.map((c) => ({ value: c.code, text: c.name }))} value={form.city} onChange={pickCity} />
          {form.role === 'county' && form.city ? (
            <ChoiceRow
              label="县(区)"
              options={counties.map((c) => ({ value: c.code, text: c.name }))}
              value={form.region}
              onChange={(region) => setForm((f) => ({ ...f, region }))}
            />
          ) : null}
          <FieldError message={formErrors.region} />
          <Text className="field-label">用户名</Text>
          <Input
            className="input"
            {...fieldLabel('新账号用户名')}
            value={form.username}
            maxlength={32}
            onInput={(e) => setForm((f) => ({ ...f, username: e.detail.value }))}
          />
          <FieldError message={formErrors.username} />
          <FieldError message={formErrors.form} />
          <View className="actions">
            <Button className="btn btn--primary btn--inline" {...roleOf('button')} onClick={() => void create()}>
              创建账号
            </Button>
          </View>
        </Section>
      ) : null}
      {accounts ? (
        <Section title={`${home.name}的司法局账号`}>
          <DataTable caption="司法局账号" columns={columns} rows={accounts} rowKey={(a) => a.username} />
        </Section>
      ) : null}
    </BureauShell>
  );
}
