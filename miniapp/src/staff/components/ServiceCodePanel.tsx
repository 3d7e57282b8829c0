/**
 * 出示服务码 (issue 12, part 5): after serving someone at this station, the worker picks the service and
 * shows a one-time code on their phone; the resident scans it with WeChat and rates them, the service
 * already chosen, as a proven visit. The code is shown once (or printed on a slip, in a browser), works
 * once and expires (policy).
 */
import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { WORKER_ROUTES } from '@plsr/shared/contract';
import type { ServiceCode, WorkerStation } from '@plsr/shared/schemas';
import { beijingDateTime } from '@plsr/shared/time';
import { SERVICE_TYPES, SERVICE_TYPE_LABELS, USUAL_SERVICE_OF_ROLE, type ServiceType, type StaffRole } from '@plsr/shared/vocabulary';
import { Choices } from '../../components/Choices';
import { FieldError } from '../../components/FieldError';
import { flag, roleOf } from '../../lib/a11y';
import { messageOf } from '../../lib/errors';
import { staffCall } from '../lib/session';

export function ServiceCodePanel({ station, role, onClose }: { station: WorkerStation; role: StaffRole; onClose: () => void }) {
  const [serviceType, setServiceType] = useState<ServiceType>(USUAL_SERVICE_OF_ROLE[role]);
  const [shown, setShown] = useState<ServiceCode>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const issue = async () => {
    setBusy(true);
    setError(undefined);
    try {
      setShown(await staffCall(WORKER_ROUTES.issueServiceCode, { body: { station: station.code, serviceType } }));
    } catch (e) {
      setError(messageOf(e, '服务码没有生成,请稍后重试'));
    } finally {
      setBusy(false);
    }
  };

  if (shown) {
    return (
      <View className="service-code" {...roleOf('region')} aria-label="服务码">
        <Text className="staff__heading">请服务对象用微信扫一扫</Text>
        {/* A background image, not Taro's Image: that component would join the resident's first load. */}
        <View className="station-card__qr" style={{ backgroundImage: `url(${shown.qr})` }} {...roleOf('img')} aria-label="服务码二维码" />
        <Text className="muted">
          {SERVICE_TYPE_LABELS[serviceType]} · {shown.station.name}。扫码后直接评价您,记为经核实的服务。只能用一次,
          {beijingDateTime(new Date(shown.expiresAt)).slice(5, 16)} 前有效。
        </Text>
        <Text className="service-code__link" userSelect>
          {shown.link}
        </Text>
        <View className="rating__actions">
          {/* A slip instead of the phone: the browser prints the code's box alone (staff.css, @media print). */}
          {process.env.TARO_ENV === 'h5' ? (
            <Button className="btn btn--plain btn--small" {...roleOf('button')} onClick={() => window.print()}>
              打印服务码
            </Button>
          ) : null}
          <Button className="btn btn--plain btn--small" {...roleOf('button')} onClick={() => setShown(undefined)}>
            为下一位出示
          </Button>
          <Button className="btn btn--plain btn--small" {...roleOf('button')} onClick={onClose}>
            完成
          </Button>
        </View>
      </View>
    );
  }
  return (
    <View className="service-code" {...roleOf('region')} aria-label="出示服务码">
      <Text className="field-label">为服务对象办理的事项</Text>
      <Choices label="服务事项" options={SERVICE_TYPES} labels={SERVICE_TYPE_LABELS} value={serviceType} onChange={setServiceType} />
      <FieldError message={error} />
      <View className="rating__actions">
        <Button className="btn btn--primary btn--small" {...roleOf('button')} disabled={busy} aria-busy={flag(busy)} onClick={() => void issue()}>
          {busy ? '正在生成…' : '生成服务码'}
        </Button>
        <Button className="btn btn--plain btn--small" {...roleOf('button')} onClick={onClose}>
          取消
        </Button>
      </View>
    </View>
  );
}
