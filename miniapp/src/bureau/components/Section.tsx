/** A card of the console with its heading (level 2): what every page is made of. */
import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { roleOf } from '../../lib/a11y';

export function Section({ title, form, children }: { title: ReactNode; form?: boolean; children?: ReactNode }) {
  return (
    <View className={form ? 'card form-card' : 'card'}>
      <Text className="section-heading" {...roleOf('heading')} aria-level="2">
        {title}
      </Text>
      {children}
    </View>
  );
}
