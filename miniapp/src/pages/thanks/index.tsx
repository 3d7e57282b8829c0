/** After submitting: thanks, and, if the network failed, the promise that the rating will be sent. */
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { RATING_LEVEL_LABELS, type RatingLevel } from '@plsr/shared/vocabulary';
import { roleOf } from '../../lib/a11y';
import { pageClass, useElderMode } from '../../lib/elder';

export default function ThanksPage() {
  const [elder] = useElderMode();
  const { params } = useRouter();
  const queued = params.queued === '1';
  const level = Number(params.level) as RatingLevel;
  const staff = params.staff ? decodeURIComponent(params.staff) : '';
  return (
    <View className={pageClass(elder, 'status-page')}>
      <Text className={`status-page__icon${queued ? '' : ' status-page__icon--ok'}`} aria-hidden>
        {queued ? '…' : '✓'}
      </Text>
      <Text className="status-page__title" {...roleOf('heading')}>
        {queued ? '评价已保存,待发送' : '感谢您的评价'}
      </Text>
      {RATING_LEVEL_LABELS[level] && (
        <Text className="status-page__line">
          您对{staff || '服务人员'}的评价:{RATING_LEVEL_LABELS[level]}
        </Text>
      )}
      <Text className="status-page__line">
        {queued ? '网络暂时不通,评价已保存在手机上,联网后会自动发送,不会重复计入。' : '您的评价将计入公共法律服务工作的年度考核。'}
      </Text>
      <Button className="btn btn--primary" {...roleOf('button')} onClick={() => void Taro.redirectTo({ url: '/pages/mine/index' })}>
        查看我的评价
      </Button>
      <Button className="btn btn--plain" {...roleOf('button')} onClick={() => void Taro.reLaunch({ url: '/pages/index/index' })}>
        完成
      </Button>
    </View>
  );
}
