/**
 * Shown over the page on first use, before anything personal leaves the phone (the silent login
 * sends a WeChat code or device id). Until the person agrees, they can look but not submit.
 */
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { PRIVACY_SUMMARY, acceptPrivacy, privacyAccepted } from '../lib/privacy';
import { DIALOG_FOCUS, roleOf, useDialogFocus } from '../lib/a11y';

export function usePrivacy(): { accepted: boolean; accept: () => void } {
  const [accepted, setAccepted] = useState(privacyAccepted);
  return {
    accepted,
    accept: () => {
      acceptPrivacy();
      setAccepted(true);
    },
  };
}

export function PrivacyNotice({ onAccept, onDecline }: { onAccept: () => void; onDecline: () => void }) {
  useDialogFocus('.sheet');
  return (
    <View className="sheet-mask">
      <View className="sheet" {...roleOf('dialog')} aria-modal="true" aria-labelledby="privacy-title" {...DIALOG_FOCUS}>
        <Text className="sheet__title" id="privacy-title" {...roleOf('heading')} aria-level="2">
          个人信息保护提示
        </Text>
        <Text className="sheet__lead">评价前,请了解我们收集哪些信息:</Text>
        {PRIVACY_SUMMARY.map((line) => (
          <Text key={line} className="sheet__item">
            {line}
          </Text>
        ))}
        <Text className="link" {...roleOf('link')} onClick={() => void Taro.navigateTo({ url: '/pages/privacy/index' })}>
          查看完整的《个人信息保护说明》
        </Text>
        <Button className="btn btn--primary" {...roleOf('button')} onClick={onAccept}>
          同意并继续
        </Button>
        <Button className="btn btn--plain" {...roleOf('button')} onClick={onDecline}>
          不同意
        </Button>
      </View>
    </View>
  );
}
