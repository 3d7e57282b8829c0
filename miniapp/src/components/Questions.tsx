/** The two questions both the station page and the full form ask: how satisfied, and as whom. */
import { Text, View } from '@tarojs/components';
import { RATER_TYPES, RATER_TYPE_LABELS, RATING_LEVEL_LABELS, type RaterType, type RatingLevel } from '@plsr/shared/vocabulary';
import { roleOf } from '../lib/a11y';
import { Choices } from './Choices';
import { FieldError } from './FieldError';
import { Stars } from './Stars';

export function LevelQuestion(props: { value: RatingLevel | undefined; onChange: (level: RatingLevel) => void; elder: boolean; error?: string }) {
  const { value, onChange, elder, error } = props;
  return (
    <View className="card">
      <Text className="field-label" {...roleOf('heading')} aria-level="2">
        您对这次服务满意吗?
      </Text>
      <Stars size={elder ? 'list' : 'large'} label="满意程度" value={value} onChange={onChange} />
      <Text className={`level-word${value ? '' : ' muted'}`} aria-live="polite">
        {value ? RATING_LEVEL_LABELS[value] : '请点击星星评价'}
      </Text>
      <FieldError message={error} />
    </View>
  );
}

export function RaterQuestion(props: { value: RaterType | undefined; onChange: (raterType: RaterType) => void; error?: string }) {
  return (
    <View className="card">
      <Text className="field-label">您是以什么身份评价?</Text>
      <Choices look="segmented" label="评价人类型" options={RATER_TYPES} labels={RATER_TYPE_LABELS} value={props.value} onChange={props.onChange} />
      <FieldError message={props.error} />
    </View>
  );
}
