/** A whole-page message (bad code, unknown station, no network) that says what to do next. */
import { Button, Text, View } from '@tarojs/components';
import { roleOf } from '../lib/a11y';
import { pageClass, useElderMode } from '../lib/elder';

interface Action {
  text: string;
  onClick: () => void;
  primary?: boolean;
}

interface StatusPageProps {
  icon: string;
  title: string;
  lines: string[];
  actions?: Action[];
}

export function StatusPage({ icon, title, lines, actions = [] }: StatusPageProps) {
  const [elder] = useElderMode();
  return (
    <View className={pageClass(elder, 'status-page')}>
      <Text className="status-page__icon" aria-hidden>
        {icon}
      </Text>
      <Text className="status-page__title" {...roleOf('heading')}>
        {title}
      </Text>
      {lines.map((line) => (
        <Text key={line} className="status-page__line">
          {line}
        </Text>
      ))}
      {actions.map((a) => (
        <Button key={a.text} className={`btn ${a.primary ? 'btn--primary' : 'btn--plain'}`} {...roleOf('button')} onClick={a.onClick}>
          {a.text}
        </Button>
      ))}
    </View>
  );
}
