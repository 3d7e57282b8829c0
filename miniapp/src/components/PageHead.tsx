/**
 * A page's title and a way back, in a browser: WeChat shows both in its own bar, a browser shows
 * neither. Back goes where the resident came from, or home when they came straight here.
 */
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { roleOf } from '../lib/a11y';

function goBack(): void {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
  else void Taro.reLaunch({ url: '/pages/index/index' });
}

export function PageHead({ title }: { title: string }) {
  if (process.env.TARO_ENV !== 'h5') return null;
  return (
    <View className="page-head">
      <Text className="page-head__title" {...roleOf('heading')}>
        {title}
      </Text>
      <Text className="link page-head__back" {...roleOf('link')} onClick={goBack}>
        返回
      </Text>
    </View>
  );
}
