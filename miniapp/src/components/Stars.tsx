/**
 * Five large stars, left to right 非常不满意 … 非常满意, each with its word under it and an
 * accessible label. Nothing is chosen until the person taps. The small variant rates the optional
 * dimensions (服务态度, 专业能力, 办事效率). In elder mode the five are a list of wide rows, 非常满意
 * first as on a paper form, each row its word in large type and its stars beside it.
 */
import { Text, View } from '@tarojs/components';
import { RATING_LEVEL_LABELS, type RatingLevel } from '@plsr/shared/vocabulary';
import { flag, roleOf } from '../lib/a11y';

const LEVELS_LOW_TO_HIGH: RatingLevel[] = [1, 2, 3, 4, 5];
const LEVELS_HIGH_TO_LOW: RatingLevel[] = [5, 4, 3, 2, 1];

interface StarsProps {
  value: number | undefined;
  onChange: (level: RatingLevel) => void;
  /** Names the group for screen readers; the small variant also prefixes each star's label. */
  label: string;
  size?: 'large' | 'small' | 'list';
}

export function Stars({ value, onChange, label, size = 'large' }: StarsProps) {
  const large = size !== 'small';
  return (
    <View className={`stars stars--${size}`} {...roleOf('radiogroup')} aria-label={label}>
      {(size === 'list' ? LEVELS_HIGH_TO_LOW : LEVELS_LOW_TO_HIGH).map((level) => {
        const on = value !== undefined && level <= value;
        const word = RATING_LEVEL_LABELS[level];
        return (
          <View
            key={level}
            className={`star${on ? ' star--on' : ''}${value === level ? ' star--chosen' : ''}`}
            {...roleOf('radio')}
            aria-checked={flag(value === level)}
            aria-label={large ? `${word}(${level}星)` : `${label}${level}星`}
            data-level={level}
            onClick={() => onChange(level)}
          >
            {size === 'list' ? (
              <>
                <Text className="star__word">{word}</Text>
                <Text className="star__glyph" aria-hidden>
                  {'★'.repeat(level)}
                  {'☆'.repeat(5 - level)}
                </Text>
              </>
            ) : (
              <>
                <Text className="star__glyph">{on ? '★' : '☆'}</Text>
                {large && <Text className="star__word">{word}</Text>}
              </>
            )}
          </View>
        );
      })}
    </View>
  );
}
