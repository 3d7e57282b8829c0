/** What a change just did, said once it is done (a status a screen reader reads out); nothing when there is none. */
import { Text } from '@tarojs/components';
import { roleOf } from '../../lib/a11y';

export function DoneNotice({ message }: { message?: string }) {
  return message ? (
    <Text className="notice notice--ok" {...roleOf('status')}>
      {message}
    </Text>
  ) : null;
}
