/**
 * 我的站点: where the worker serves (today, or from a later date), each station with the code residents
 * scan and its poster to print (one page, A4 or A5), so a worker can put up a missing or torn one; and,
 * where they serve today, 出示服务码: a one-time code for the person just served (ServiceCodePanel).
 */
import Taro, { useDidShow } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { pathOf, WORKER_ROUTES } from '@plsr/shared/contract';
import type { WorkerStation } from '@plsr/shared/schemas';
import { beijingDate } from '@plsr/shared/time';
import { STATION_STATUS_LABELS } from '@plsr/shared/vocabulary';
import { FieldError } from '../../../components/FieldError';
import { roleOf } from '../../../lib/a11y';
import { downloadWithToken } from '../../../lib/download';
import { messageOf } from '../../../lib/errors';
import { ServiceCodePanel } from '../../components/ServiceCodePanel';
import { StaffNav } from '../../components/StaffNav';
import { forgetStaffSession, staffCall, staffSession, STAFF_PAGES } from '../../lib/session';
import { useTitle } from '../../lib/title';
import '../../staff.css';

// The station's public QR image is GET /api/stations/{code}/qrcode (contract: stationQrCode), named here by
// its path: the whole contract would come with its entry.

export default function StaffStationsPage() {
  useTitle('我的站点');
  const session = staffSession();
  const [stations, setStations] = useState<WorkerStation[]>();
  const [error, setError] = useState<string>();
  /** The station whose service code panel is open. */
  const [showing, setShowing] = useState<string>();
  const today = beijingDate(new Date());

  useDidShow(() => {
    if (!session) {
      void Taro.reLaunch({ url: STAFF_PAGES.login });
      return;
    }
    staffCall(WORKER_ROUTES.workerStations).then(
      (r) => setStations(r.stations),
      (e: unknown) => setError(messageOf(e, '加载失败,请稍后重试')),
    );
  });

  const poster = (s: WorkerStation, size: 'A4' | 'A5') => {
    if (!session) return;
    setError(undefined);
    downloadWithToken(
      `${pathOf(WORKER_ROUTES.workerPoster.path, { code: s.code })}?size=${size}`,
      `${s.name}评价二维码海报-${size}.pdf`,
      session.token,
      forgetStaffSession,
    ).catch((e: unknown) => setError(messageOf(e, '下载失败,请稍后重试')));
  };

  if (!session) return null;
  return (
    <View className="staff-page">
      <StaffNav current="stations" />
      <Text className="staff__title" {...roleOf('heading')} aria-level="1">
        我的站点
      </Text>
      <FieldError message={error} />
      {stations === undefined ? (
        !error && (
          <Text className="muted" {...roleOf('status')}>
            正在加载…
          </Text>
        )
      ) : stations.length === 0 ? (
        <Text className="muted">目前没有派驻的站点。如有变动,请联系所在县(区)司法局。</Text>
      ) : (
        <View {...roleOf('list')} aria-label="我服务的站点">
          {stations.map((s) => (
            <View key={s.code} className="card station-card" {...roleOf('listitem')}>
              <Text className="staff__heading">{s.name}</Text>
              <Text className="muted">
                {s.place} · {s.fromDate} 起{s.toDate ? `,至 ${s.toDate}` : ''}
                {s.status === 'active' ? '' : ` · ${STATION_STATUS_LABELS[s.status]}`}
              </Text>
              {s.status === 'active' ? (
                <View>
                  {/* While a service code is shown, the station's own code gives way: one code to scan, not two. */}
                  {showing === s.code ? (
                    <ServiceCodePanel station={s} role={session.staff.role} onClose={() => setShowing(undefined)} />
                  ) : (
                    <>
                      {/* A background image, not Taro's Image: that component would join the resident's first load. */}
                      <View
                        className="station-card__qr"
                        style={{ backgroundImage: `url(${API_BASE_URL}/api/stations/${s.code}/qrcode)` }}
                        {...roleOf('img')}
                        aria-label={`${s.name}的评价二维码`}
                      />
                      <Text className="muted">群众扫这个码为在此站点的服务评价。</Text>
                    </>
                  )}
                  <View className="rating__actions">
                    {s.fromDate <= today && showing !== s.code ? (
                      <Button
                        className="btn btn--primary btn--small"
                        {...roleOf('button')}
                        aria-label={`出示服务码:${s.name}`}
                        onClick={() => setShowing(s.code)}
                      >
                        出示服务码
                      </Button>
                    ) : null}
                    {(['A4', 'A5'] as const).map((size) => (
                      <Button
                        key={size}
                        className="btn btn--plain btn--small"
                        {...roleOf('button')}
                        aria-label={`下载海报(${size}):${s.name}`}
                        onClick={() => poster(s, size)}
                      >
                        下载海报({size})
                      </Button>
                    ))}
                  </View>
                </View>
              ) : null}
            </View>
          ))}
        </View>
      )}
    </View>
  );
}
