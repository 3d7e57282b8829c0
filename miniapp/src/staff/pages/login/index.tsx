/**
 * 服务人员登录. In the mini-program a bound worker is let in silently (their WeChat); the first time,
 * they type the binding code their bureau gave them and their WeChat is bound. In a browser they sign
 * in with the username and password they chose, or, the first time, choose them with the code.
 */
import Taro from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { CONSOLE_ROUTES, WORKER_ROUTES } from '@plsr/shared/contract';
import type { AccountSession } from '@plsr/shared/schemas';
import { callRoute } from '../../../api/http';
import { messageOf } from '../../../lib/errors';
import { FieldError } from '../../../components/FieldError';
import { fieldLabel, roleOf } from '../../../lib/a11y';
import { endSession, keepStaffSession, staffSession, STAFF_PAGES } from '../../lib/session';
import { useTitle } from '../../lib/title';
import '../../staff.css';

const WEAPP = process.env.TARO_ENV === 'weapp';

async function enter(session: AccountSession): Promise<string | undefined> {
  if (session.kind !== 'staff') {
    await endSession(session.token);
    return '这是司法局账号,请从首页的“工作人员登录”进入工作台。';
  }
  keepStaffSession(session);
  void Taro.redirectTo({ url: STAFF_PAGES.ratings });
  return undefined;
}

export default function StaffLoginPage() {
  useTitle('服务人员登录');
  const [checking, setChecking] = useState(WEAPP);
  const [login, setLogin] = useState({ username: '', password: '' });
  const [bind, setBind] = useState({ code: '', username: '', password: '', again: '' });
  const [errors, setErrors] = useState<{ login?: string; bind?: string }>({});
  const [busy, setBusy] = useState(false);

  // Already signed in, or (in WeChat) bound before: straight to the ratings.
  useEffect(() => {
    if (staffSession()) {
      void Taro.redirectTo({ url: STAFF_PAGES.ratings });
      return;
    }
    if (!WEAPP) return;
    void (async () => {
      try {
        const { code } = await Taro.login();
        const { data } = await callRoute(WORKER_ROUTES.workerWechatLogin, { body: { code } });
        await enter(data);
      } catch {
        setChecking(false);
      }
    })();
  }, []);

  const run = async (what: 'login' | 'bind', action: () => Promise<AccountSession>) => {
    if (busy) return;
    setBusy(true);
    setErrors({});
    try {
      const problem = await enter(await action());
      if (problem) setErrors({ [what]: problem });
    } catch (e) {
      setErrors({ [what]: messageOf(e, what === 'login' ? '登录失败,请稍后重试' : '绑定失败,请稍后重试') });
    } finally {
      setBusy(false);
    }
  };

  const signIn = () => {
    if (!login.username.trim() || !login.password) return setErrors({ login: !login.username.trim() ? '请填写用户名' : '请填写密码' });
    void run(
      'login',
      async () => (await callRoute(CONSOLE_ROUTES.passwordLogin, { body: { username: login.username.trim(), password: login.password } })).data,
    );
  };

  const bindNow = () => {
    if (!bind.code.trim()) return setErrors({ bind: '请填写绑定码' });
    if (!WEAPP && bind.password !== bind.again) return setErrors({ bind: '两次输入的密码不一致' });
    void run('bind', async () => {
      const body = WEAPP
        ? { code: bind.code, wechatCode: (await Taro.login()).code }
        : { code: bind.code, username: bind.username.trim(), password: bind.password };
      return (await callRoute(WORKER_ROUTES.bindWorker, { body })).data;
    });
  };

  if (checking) {
    return (
      <View className="staff-page">
        <Text className="muted" {...roleOf('status')}>
          正在登录…
        </Text>
      </View>
    );
  }

  return (
    <View className="staff-page">
      <Text className="staff__title" {...roleOf('heading')} aria-level="1">
        服务人员登录
      </Text>
      <Text className="muted">律师、人民调解员等服务人员在这里查看群众对自己的评价。</Text>

      {WEAPP ? null : (
        <View className="card">
          <Text className="staff__heading" {...roleOf('heading')} aria-level="2">
            已设置密码
          </Text>
          <Text className="field-label">用户名</Text>
          <Input
            className="input"
            {...fieldLabel('用户名')}
            value={login.username}
            maxlength={64}
            onInput={(e) => setLogin({ ...login, username: e.detail.value })}
          />
          <Text className="field-label">密码</Text>
          <Input
            className="input"
            {...fieldLabel('密码')}
            password
            value={login.password}
            maxlength={256}
            onInput={(e) => setLogin({ ...login, password: e.detail.value })}
            onConfirm={signIn}
          />
          <FieldError message={errors.login} />
          <Button className={`btn btn--primary${busy ? ' btn--busy' : ''}`} {...roleOf('button')} onClick={signIn}>
            登录
          </Button>
        </View>
      )}

      <View className="card">
        <Text className="staff__heading" {...roleOf('heading')} aria-level="2">
          首次使用:输入绑定码
        </Text>
        <Text className="muted">
          {WEAPP
            ? '绑定码由所在县(区)司法局发放,8 位字母和数字,72 小时内有效,只能使用一次。绑定后,用本微信打开即自动登录。'
            : '绑定码由所在县(区)司法局发放,8 位字母和数字,72 小时内有效,只能使用一次。请同时设置以后登录用的用户名和密码。'}
        </Text>
        <Text className="field-label">绑定码</Text>
        <Input className="input" {...fieldLabel('绑定码')} value={bind.code} maxlength={12} onInput={(e) => setBind({ ...bind, code: e.detail.value })} />
        {WEAPP ? null : (
          <View>
            <Text className="field-label">设置用户名(字母或数字开头,3–32 位)</Text>
            <Input
              className="input"
              {...fieldLabel('设置用户名')}
              value={bind.username}
              maxlength={32}
              onInput={(e) => setBind({ ...bind, username: e.detail.value })}
            />
            <Text className="field-label">设置密码(至少 8 位)</Text>
            <Input
              className="input"
              {...fieldLabel('设置密码')}
              password
              value={bind.password}
              maxlength={128}
              onInput={(e) => setBind({ ...bind, password: e.detail.value })}
            />
            <Text className="field-label">再次输入密码</Text>
            <Input
              className="input"
              {...fieldLabel('再次输入密码')}
              password
              value={bind.again}
              maxlength={128}
              onInput={(e) => setBind({ ...bind, again: e.detail.value })}
            />
          </View>
        )}
        <FieldError message={errors.bind} />
        <Button className={`btn ${WEAPP ? 'btn--primary' : 'btn--plain'}${busy ? ' btn--busy' : ''}`} {...roleOf('button')} onClick={bindNow}>
          {WEAPP ? '绑定本微信' : '绑定并登录'}
        </Button>
      </View>
      <Text className="link centre" {...roleOf('link')} onClick={() => void Taro.reLaunch({ url: '/pages/index/index' })}>
        返回首页
      </Text>
    </View>
  );
}
