/**
 * 修改密码. After the first login with an initial password (or a reset one) the console opens only
 * this page; afterwards the clerk may come here to change it. Every other session of the account
 * ends; this one continues with the new token.
 */
import Taro from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { CONSOLE_ROUTES } from '@plsr/shared/contract';
import { NEW_PASSWORD_MIN } from '@plsr/shared/schemas';
import { FieldError } from '../../../components/FieldError';
import { fieldLabel, roleOf } from '../../../lib/a11y';
import { BureauShell } from '../../components/Shell';
import { fieldErrorsOf } from '../../../lib/errors';
import { bureauCall, bureauSession, BUREAU_PAGES, keepBureauSession } from '../../lib/session';

type Field = 'currentPassword' | 'newPassword' | 'again';

export default function PasswordPage() {
  const forced = bureauSession()?.mustChangePassword ?? false;
  const [form, setForm] = useState<Record<Field, string>>({ currentPassword: '', newPassword: '', again: '' });
  const [errors, setErrors] = useState<Partial<Record<Field | 'form', string>>>({});
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  const submit = async () => {
    if (busy) return;
    const problems: Partial<Record<Field, string>> = {};
    if (!form.currentPassword) problems.currentPassword = '请填写原密码';
    if (form.newPassword.length < NEW_PASSWORD_MIN) problems.newPassword = `新密码至少 ${NEW_PASSWORD_MIN} 位`;
    else if (form.again !== form.newPassword) problems.again = '两次输入的新密码不一致';
    setErrors(problems);
    if (Object.keys(problems).length) return;
    setBusy(true);
    try {
      const session = await bureauCall(CONSOLE_ROUTES.changePassword, { body: { currentPassword: form.currentPassword, newPassword: form.newPassword } });
      if (session.kind === 'user') keepBureauSession(session);
      setDone(true);
      setForm({ currentPassword: '', newPassword: '', again: '' });
      if (forced) void Taro.redirectTo({ url: BUREAU_PAGES.yearEnd });
    } catch (e) {
      setErrors(fieldErrorsOf(e, '修改失败,请稍后重试'));
    } finally {
      setBusy(false);
    }
  };

  const field = (key: Field, label: string) => (
    <View className="form-row" key={key}>
      <Text className="field-label">{label}</Text>
      <Input
        className="input"
        {...fieldLabel(label)}
        password
        value={form[key]}
        maxlength={128}
        onInput={(e) => setForm((f) => ({ ...f, [key]: e.detail.value }))}
      />
      <FieldError message={errors[key]} />
    </View>
  );

  return (
    <BureauShell title="修改密码" current="password">
      <View className="card form-card">
        {forced ? (
          <Text className="notice" {...roleOf('status')}>
            这是首次登录(或密码已被重置)。请先设置您自己的密码,之后才能使用工作台。
          </Text>
        ) : null}
        {field('currentPassword', forced ? '初始密码' : '原密码')}
        {field('newPassword', `新密码(至少 ${NEW_PASSWORD_MIN} 位)`)}
        {field('again', '再次输入新密码')}
        <FieldError message={errors.form} />
        {done && !forced ? (
          <Text className="notice notice--ok" {...roleOf('status')}>
            密码已修改。其他设备上的登录已退出。
          </Text>
        ) : null}
        <Button className={`btn btn--primary${busy ? ' btn--busy' : ''}`} {...roleOf('button')} onClick={() => void submit()}>
          {busy ? '正在保存…' : '保存新密码'}
        </Button>
      </View>
    </BureauShell>
  );
}
