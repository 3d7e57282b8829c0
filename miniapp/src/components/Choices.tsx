/**
 * One choice out of a few, as tappable chips (reasons, service types) or a segmented control
 * (个人/单位): a radio group for screen readers, nothing chosen until the person taps.
 */
import { View } from '@tarojs/components';
import { flag, roleOf } from '../lib/a11y';

interface ChoicesProps<T extends string> {
  label: string;
  options: readonly T[];
  labels: Record<T, string>;
  value: T | undefined;
  onChange: (value: T) => void;
  look?: 'chips' | 'segmented';
}

export function Choices<T extends string>({ label, options, labels, value, onChange, look = 'chips' }: ChoicesProps<T>) {
  const item = look === 'chips' ? 'chip' : 'segment';
  return (
    <View className={look} {...roleOf('radiogroup')} aria-label={label}>
      {options.map((option) => (
        <View
          key={option}
          className={`${item}${value === option ? ` ${item}--chosen` : ''}`}
          {...roleOf('radio')}
          aria-checked={flag(value === option)}
          onClick={() => onChange(option)}
        >
          {labels[option]}
        </View>
      ))}
    </View>
  );
}
