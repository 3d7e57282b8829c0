/** The full privacy notice. docs/privacy-guide.md holds the same items for the WeChat privacy guide. */
import { Text, View } from '@tarojs/components';
import { PRIVACY_SUMMARY, PRIVACY_VERSION } from '../../lib/privacy';
import { PageHead } from '../../components/PageHead';
import { roleOf } from '../../lib/a11y';
import { pageClass, useElderMode } from '../../lib/elder';

const DETAILS = [
  '保存期限:评价记录按年度考核需要保存,保存期限由司法行政机关规定,到期后删除或匿名化处理。',
  '谁能看到:您的评价内容由被评价的工作人员和司法行政机关查看,不公开发布;公开的只有汇总统计。工作人员看不到评价人是谁。',
  '您的权利:您可以在“我的评价”中查看自己的评价;当天可以重新评价同一位工作人员,以最后一次为准。如需更正或删除,请联系当地司法局。',
  '本小程序不申请位置、相机、相册、通讯录等权限,也不获取您的微信头像、昵称或手机号。',
];

export default function PrivacyPage() {
  const [elder] = useElderMode();
  return (
    <View className={pageClass(elder)}>
      <PageHead title="个人信息保护说明" />
      <View className="card">
        <Text className="section-title" {...roleOf('heading')} aria-level="2">
          我们收集的信息
        </Text>
        {PRIVACY_SUMMARY.map((line) => (
          <Text key={line} className="sheet__item">
            {line}
          </Text>
        ))}
        <Text className="section-title" {...roleOf('heading')} aria-level="2">
          使用与保护
        </Text>
        {DETAILS.map((line) => (
          <Text key={line} className="sheet__item">
            {line}
          </Text>
        ))}
        <Text className="hint">版本 {PRIVACY_VERSION}</Text>
      </View>
    </View>
  );
}
