/** The message beside a field, in the words of the shared schema. */
import { Text } from '@tarojs/components';
import { roleOf } from '../lib/a11y';

export function FieldError({ message }: { message: string | undefined }) {
  if (!message) return null;
  return (
    <Text className="field-error" {...roleOf('alert')}>
      {message}
    </Text>
  );
}
