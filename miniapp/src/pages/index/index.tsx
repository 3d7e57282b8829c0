/** Opened without a station code: explains how to rate, leads to 我的评价, offers 大字模式, and the staff's door (工作人员登录). */
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { ElderSwitch } from '../../components/ElderSwitch';
import { roleOf } from '../../lib/a11y';
import { pageClass, useElderMode } from '../../lib/elder';

export default function IndexPage() {
  const [elder] = useElderMode();
  return (
    <View className={pageClass(elder, 'status-page')}>
      <ElderSwitch />
      <Text className="status-page__icon" aria-hidden>
        ★
      </Text>
      <Text className="status-page__title" {...roleOf('heading')}>
        公共法律服务评价
      </Text>
      <Text className="status-page__line">在公共法律服务中心、工作站或村(社区)工作室接受服务后,用微信扫一扫墙上的“服务评价”二维码,十秒钟即可完成评价。</Text>
      <Text className="status-page__line">您的评价将计入律师、人民调解员等服务人员和工作站的年度考核。</Text>
      <Button className="btn btn--primary" {...roleOf('button')} onClick={() => void Taro.navigateTo({ url: '/pages/mine/index' })}>
        我的评价
      </Button>
      <Text className="link centre" {...roleOf('link')} onClick={() => void Taro.navigateTo({ url: '/pages/privacy/index' })}>
        个人信息保护说明
      </Text>
      <Text className="link centre" {...roleOf('link')} onClick={() => void Taro.navigateTo({ url: '/bureau/pages/login/index' })}>
        工作人员登录
      </Text>
    </View>
  );
}
