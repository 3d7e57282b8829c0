/**
 * The end of every form that changes something a bureau answers for: why (kept in the audit log),
 * the error if the server refused, and the buttons to confirm or to leave it.
 */
import { Button, Input, Text, View } from '@tarojs/components';
import { FieldError } from '../../components/FieldError';
import { fieldLabel, roleOf } from '../../lib/a11y';

export function ReasonActions({
  name,
  reason,
  onReason,
  error,
  confirm,
  onConfirm,
  cancel = '取消',
  onCancel,
}: {
  /** The field's accessible name, e.g. 修改原因. */
  name: string;
  reason: string;
  onReason: (reason: string) => void;
  error?: string;
  confirm: string;
  onConfirm: () => void;
  cancel?: string;
  onCancel?: () => void;
}) {
  return (
    <View>
      <Text className="field-label">原因(记入审计日志)</Text>
      <Input className="input" {...fieldLabel(name)} value={reason} maxlength={200} onInput={(e) => onReason(e.detail.value)} />
      <FieldError message={error} />
      <View className="actions">
        <Button className="btn btn--primary btn--inline" {...roleOf('button')} onClick={onConfirm}>
          {confirm}
        </Button>
        {onCancel ? (
          <Button className="btn btn--plain btn--inline" {...roleOf('button')} onClick={onCancel}>
            {cancel}
          </Button>
        ) : null}
      </View>
    </View>
  );
}
