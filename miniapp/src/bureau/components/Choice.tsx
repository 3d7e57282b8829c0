/** A row of mutually exclusive choices (year, region): radios a person presses, one of them checked. */
import { Text, View } from '@tarojs/components';
import { flag, roleOf } from '../../lib/a11y';

export function ChoiceRow<V extends string | number>({
  label,
  options,
  value,
  onChange,
}: {
  label: string;
  options: { value: V; text: string }[];
  value: V;
  onChange: (value: V) => void;
}) {
  return (
    <View className="choice-row" {...roleOf('radiogroup')} aria-label={label}>
      <Text className="choice-row__label" aria-hidden>
        {label}
      </Text>
      {options.map((o) => (
        <Text
          key={o.value}
          className={`chip${o.value === value ? ' chip--chosen' : ''}`}
          {...roleOf('radio')}
          aria-checked={flag(o.value === value)}
          onClick={() => o.value !== value && onChange(o.value)}
        >
          {o.text}
        </Text>
      ))}
    </View>
  );
}
