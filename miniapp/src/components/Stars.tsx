/**
 * Five large stars, left to right 非常不满意 … 非常满意, each with its word under it and an
 * accessible label. Nothing is chosen until the person taps. The small variant rates the optional
 * dimensions (服务态度, 专业能力, 办事效率).
 */
import { Text, View } from '@tarojs/components';
import { RATING_LEVEL_LABELS, type RatingLevel } from '@plsr/shared/vocabulary';
import { roleOf } from '../lib/a11y';

const LEVELS_LOW_TO_HIGH: RatingLevel[] = [1, 2, 3, 4, 5];

interface StarsProps {
  value: number | undefined;
  onChange: (level: RatingLevel) => void;
  /** Names the group for screen readers; the small variant also prefixes each star's label. */
  label: string;
  size?: 'large' | 'small';
}

export function Stars({ value, onChange, label, size = 'large' }: StarsProps) {
  const large = size === 'large';
  return (
    <View className={`stars stars--${size}`} {...roleOf('radiogroup')} aria-label={label}>
      {LEVELS_LOW_TO_HIGH.map((level) => {
        const on = value !== undefined && level <= value;
        const word = RATING_LEVEL_LABELS[level];
        return (
          <View
            key={level}
            className={`star${on ? ' star--on' : ''}${value === level ? ' star--chosen' : ''}`}
            {...roleOf('radio')}
            aria-checked={value === level}
            aria-label={large ? `${word}(${level}星)` : `${label}${level}星`}
            data-level={level}
            onClick={() => onChange(level)}
          >
            <Text className="star__glyph">{on ? '★' : '☆'}</Text>
            {large && <Text className="star__word">{word}</Text>}
          </View>
        );
      })}
    </View>
  );
}
