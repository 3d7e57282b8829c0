/** The worker's two pages, one link each, the current one marked. */
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { roleOf } from '../../lib/a11y';
import { STAFF_PAGES } from '../lib/session';

const PAGES = [
  { key: 'ratings', text: '我收到的评价', url: STAFF_PAGES.ratings },
  { key: 'stations', text: '我的站点', url: STAFF_PAGES.stations },
] as const;

export function StaffNav({ current }: { current: (typeof PAGES)[number]['key'] }) {
  return (
    <View className="staff-nav" {...roleOf('navigation')} aria-label="服务人员页面">
      {PAGES.map((p) => (
        <Text
          key={p.key}
          className={`staff-nav__item${p.key === current ? ' staff-nav__item--current' : ''}`}
          {...roleOf('link')}
          aria-current={p.key === current ? 'page' : undefined}
          onClick={() => p.key !== current && void Taro.redirectTo({ url: p.url })}
        >
          {p.text}
        </Text>
      ))}
    </View>
  );
}
