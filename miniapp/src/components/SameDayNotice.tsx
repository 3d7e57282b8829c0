/** Said before sending: the server keeps one rating of a person per day, so a second one replaces the first. */
import { Text } from '@tarojs/components';
import { useMemo } from 'react';
import { beijingDate } from '@plsr/shared/time';
import { ratedOnDay } from '../api/outbox';
import { roleOf } from '../lib/a11y';

export function SameDayNotice({ staffId, name }: { staffId: number; name: string }) {
  const earlier = useMemo(() => ratedOnDay(staffId, beijingDate(new Date())), [staffId]);
  if (!earlier) return null;
  return (
    <Text className="notice" {...roleOf('status')}>
      您今天已评价过{name},再次提交将替换今天的那条评价。
    </Text>
  );
}
