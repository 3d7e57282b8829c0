/**
 * 工作人员登录: a bureau clerk's username and password (a worker who set a password signs in here too,
 * and goes on to their own pages). The initial password of a new or reset account leads to 修改密码
 * first; then the year-end. No one registers here: accounts come from the region's bureau, a worker's
 * from the binding code their bureau gives them.
 */
import Taro from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { CONSOLE_ROUTES } from '@plsr/shared/contract';
import { ApiError, callRoute } from '../../../api/http';
import { FieldError } from '../../../components/FieldError';
import { fieldLabel, roleOf } from '../../../lib/a11y';
import { STAFF_SESSION_KEY, writeStored } from '../../../lib/storage';
import { keepBureauSession, startPage } from '../../lib/session';
import '../../bureau.css';

/** The workers' pages: another subpackage, reached by path only. */
const WORKER_START = '/staff/pages/ratings/index';
const WORKER_LOGIN = '/staff/pages/login/index';

export default function LoginPage() {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    if (busy) return;
    if (!username.trim() || !password) {
      setError(!username.trim() ? '请填写用户名' : '请填写密码');
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const { data } = await callRoute(CONSOLE_ROUTES.passwordLogin, { body: { username: username.trim(), password } });
      if (data.kind === 'staff') {
        // A worker's account: their own pages (staff/), which read the session from the same key.
        writeStored(STAFF_SESSION_KEY, data);
        void Taro.redirectTo({ url: WORKER_START });
        return;
      }
      keepBureauSession(data);
      void Taro.redirectTo({ url: startPage(data) });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '登录失败,请稍后重试');
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="bureau-login">
      <View className="bureau-login__box">
        <Text className="bureau__title" {...roleOf('heading')}>
          工作人员登录
        </Text>
        <Text className="muted">司法局工作人员和已设置密码的服务人员在此登录。没有账号请联系上级司法局。</Text>
        <Text className="field-label">用户名</Text>
        <Input className="input" {...fieldLabel('用户名')} value={username} maxlength={64} onInput={(e) => setUsername(e.detail.value)} />
        <Text className="field-label">密码</Text>
        <Input
          className="input"
          {...fieldLabel('密码')}
          password
          value={password}
          maxlength={256}
          onInput={(e) => setPassword(e.detail.value)}
          onConfirm={() => void submit()}
        />
        <FieldError message={error} />
        <Button className={`btn btn--primary${busy ? ' btn--busy' : ''}`} {...roleOf('button')} onClick={() => void submit()}>
          {busy ? '正在登录…' : '登录'}
        </Button>
        <Text className="link centre" {...roleOf('link')} onClick={() => void Taro.navigateTo({ url: WORKER_LOGIN })}>
          服务人员首次使用(输入绑定码)
        </Text>
        <Text className="link centre" {...roleOf('link')} onClick={() => void Taro.reLaunch({ url: '/pages/index/index' })}>
          返回首页
        </Text>
      </View>
    </View>
  );
}
