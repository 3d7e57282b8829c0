/**
 * The console's frame around every bureau page: who is signed in, the pages (beside the content on
 * a desktop, above it on a phone) and 退出登录. A page without a session goes to the login page.
 */
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useEffect, type ReactNode } from 'react';
import type { UserSession } from '@plsr/shared/schemas';
import { USER_ROLE_LABELS, type UserRole } from '@plsr/shared/vocabulary';
import { roleOf } from '../../lib/a11y';
import { bureauSession, BUREAU_PAGES, endSession, forgetBureauSession } from '../lib/session';
import '../bureau.css';

type PageKey =
  'dashboard' | 'yearEnd' | 'inspections' | 'appeals' | 'cases' | 'review' | 'policy' | 'stations' | 'staff' | 'registry' | 'accounts' | 'audit' | 'password';

/** The pages, and which bureaus see each (the audit log is for region and city bureaus). */
const NAV: { key: PageKey; text: string; roles?: UserRole[] }[] = [
  { key: 'dashboard', text: '工作概览' },
  { key: 'yearEnd', text: '年终考核' },
  { key: 'policy', text: '考核政策', roles: ['region', 'city'] },
  { key: 'inspections', text: '验收录入' },
  { key: 'appeals', text: '申诉处理' },
  { key: 'cases', text: '差评工单' },
  { key: 'review', text: '评价核查' },
  { key: 'stations', text: '站点管理' },
  { key: 'staff', text: '人员与派驻' },
  { key: 'registry', text: '服务人员名册' },
  { key: 'accounts', text: '账号管理', roles: ['region', 'city'] },
  { key: 'audit', text: '审计日志', roles: ['region', 'city'] },
  { key: 'password', text: '修改密码' },
];

async function logout(session: UserSession | undefined): Promise<void> {
  // The token is dropped here whatever the network says; the server ends the session when it can.
  forgetBureauSession();
  if (session) await endSession(session.token);
  void Taro.reLaunch({ url: BUREAU_PAGES.login });
}

export function BureauShell({ title, current, children }: { title: string; current: PageKey; children: ReactNode }) {
  const session = bureauSession();
  useEffect(() => {
    if (!session) void Taro.reLaunch({ url: BUREAU_PAGES.login });
  }, [session]);
  // Set here rather than in each page's config: the H5 build puts every page's config in the route table
  // the resident's first page loads.
  useEffect(() => {
    void Taro.setNavigationBarTitle({ title });
  }, [title]);
  if (!session) return null;
  const { user } = session;
  return (
    <View className="bureau">
      <View className="bureau__side">
        <Text className="bureau__brand">司法局工作台</Text>
        <Text className="bureau__who">
          {user.region.name} · {USER_ROLE_LABELS[user.role]}
          {'\n'}
          {user.username}
        </Text>
        <View className="bureau__nav" {...roleOf('navigation')} aria-label="工作台页面">
          {/* On an initial password only 修改密码 opens (the server refuses the rest until it is changed). */}
          {NAV.filter((item) => (!session.mustChangePassword || item.key === 'password') && (!item.roles || item.roles.includes(user.role))).map((item) => (
            <Text
              key={item.key}
              className={`bureau__nav-item${item.key === current ? ' bureau__nav-item--current' : ''}`}
              {...roleOf('link')}
              aria-current={item.key === current ? 'page' : undefined}
              onClick={() => item.key !== current && void Taro.redirectTo({ url: BUREAU_PAGES[item.key] })}
            >
              {item.text}
            </Text>
          ))}
          <Text className="bureau__nav-item" {...roleOf('link')} onClick={() => void logout(session)}>
            退出登录
          </Text>
        </View>
      </View>
      <View className="bureau__main" {...roleOf('main')}>
        <Text className="bureau__title" {...roleOf('heading')}>
          {title}
        </Text>
        {children}
      </View>
    </View>
  );
}
