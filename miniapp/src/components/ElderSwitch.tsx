/** The 大字模式 switch: a switch for screen readers, a labelled pill on screen. */
import { Text, View } from '@tarojs/components';
import { flag, roleOf } from '../lib/a11y';
import { useElderMode } from '../lib/elder';

export function ElderSwitch() {
  const [on, setOn] = useElderMode();
  return (
    <View
      className={`elder-switch${on ? ' elder-switch--on' : ''}`}
      {...roleOf('switch')}
      aria-checked={flag(on)}
      aria-label="大字模式"
      onClick={() => setOn(!on)}
    >
      <Text className="elder-switch__text" aria-hidden>
        大字模式 {on ? '开' : '关'}
      </Text>
    </View>
  );
}
