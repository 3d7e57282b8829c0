/**
 * The page every station code opens. It reads the code whichever way it came (mini-program code,
 * ordinary QR code, link), shows the station and its place, and lets the resident pick who helped
 * them and with what. A bad or unknown code gets a page that says what to do.
 */
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { PublicStaff, StationView } from '@plsr/shared/schemas';
import { SERVICE_TYPES, SERVICE_TYPE_LABELS, STAFF_ROLE_LABELS, STATION_TIER_LABELS, USUAL_SERVICE_OF_ROLE, type ServiceType } from '@plsr/shared/vocabulary';
import { ApiError } from '../../api/http';
import { fetchStation } from '../../api/stations';
import { Avatar } from '../../components/Avatar';
import { Choices } from '../../components/Choices';
import { PrivacyNotice, usePrivacy } from '../../components/PrivacyNotice';
import { StatusPage } from '../../components/StatusPage';
import { placeOf } from '../../lib/names';
import { stationCodeFromParams } from '../../lib/station-code';
import { roleOf } from '../../lib/a11y';

type Load =
  | { state: 'loading' }
  | { state: 'ready'; station: StationView }
  | { state: 'bad-code'; raw: string }
  | { state: 'unknown'; code: string }
  | { state: 'failed'; message: string };

const goHome = () => void Taro.reLaunch({ url: '/pages/index/index' });

export default function StationPage() {
  const { params } = useRouter();
  const parsed = stationCodeFromParams(params);
  const [load, setLoad] = useState<Load>(parsed.ok ? { state: 'loading' } : { state: 'bad-code', raw: parsed.raw });
  const [staffId, setStaffId] = useState<number>();
  const [serviceType, setServiceType] = useState<ServiceType>();
  /** Whether the resident picked the service themselves: then choosing a person no longer proposes one. */
  const [servicePicked, setServicePicked] = useState(false);
  const choosePerson = (person: PublicStaff) => {
    setStaffId(person.id);
    if (!servicePicked) setServiceType(USUAL_SERVICE_OF_ROLE[person.role]);
  };
  const pickService = (type: ServiceType) => {
    setServiceType(type);
    setServicePicked(true);
  };
  const code = parsed.ok ? parsed.code : undefined;
  const privacy = usePrivacy();
  const [noticeOpen, setNoticeOpen] = useState(!privacy.accepted);

  // State changes only when the answer comes: `load` starts as 'loading', and `reload` sets it back.
  const fetchLoad = () => {
    if (!code) return;
    fetchStation(code).then(
      (station) => {
        setLoad({ state: 'ready', station });
        // One person on duty: they are the one who served; the resident can still see and change it.
        const only = station.staff.length === 1 ? station.staff[0]! : undefined;
        if (only) {
          setStaffId(only.id);
          setServiceType(USUAL_SERVICE_OF_ROLE[only.role]);
        }
      },
      (error: unknown) => {
        if (error instanceof ApiError && error.status === 404) setLoad({ state: 'unknown', code });
        else setLoad({ state: 'failed', message: error instanceof ApiError ? error.message : '加载失败,请重试' });
      },
    );
  };
  useEffect(fetchLoad, [code]);
  const reload = () => {
    setLoad({ state: 'loading' });
    fetchLoad();
  };

  if (load.state === 'bad-code') {
    return (
      <StatusPage
        icon="!"
        title="二维码无法识别"
        lines={[
          load.raw ? `识别到的内容“${load.raw.slice(0, 40)}”不是站点评价码。` : '没有读到站点编码。',
          '请扫描公共法律服务站(室)墙上张贴的“服务评价”二维码,或向现场工作人员询问。',
        ]}
        actions={[{ text: '返回首页', onClick: goHome, primary: true }]}
      />
    );
  }
  if (load.state === 'unknown') {
    return (
      <StatusPage
        icon="?"
        title="没有找到这个站点"
        lines={[`站点编码 ${load.code} 不存在或已撤销。`, '请确认二维码完好、是本站点张贴的,或向现场工作人员询问。']}
        actions={[{ text: '返回首页', onClick: goHome, primary: true }]}
      />
    );
  }
  if (load.state === 'failed') {
    return <StatusPage icon="!" title="站点信息没有加载出来" lines={[load.message]} actions={[{ text: '重试', onClick: reload, primary: true }]} />;
  }
  if (load.state === 'loading') {
    return (
      <View className="page">
        <Text className="muted" {...roleOf('status')}>
          正在加载站点信息…
        </Text>
      </View>
    );
  }

  const { station } = load;
  const closed = station.status !== 'active';
  /** A person and a service chosen: the button goes from grey to green. */
  const ready = staffId !== undefined && serviceType !== undefined;
  const next = () => {
    if (staffId === undefined || serviceType === undefined) return;
    if (!privacy.accepted) {
      setNoticeOpen(true);
      return;
    }
    void Taro.navigateTo({
      url: `/pages/rate/index?code=${station.code}&staffId=${staffId}&serviceType=${serviceType}`,
    });
  };

  return (
    <View className="page">
      <View className="card">
        <Text className="station__tier">{STATION_TIER_LABELS[station.tier]}</Text>
        <Text className="station__name" {...roleOf('heading')}>
          {station.name}
        </Text>
        <Text className="station__place">{placeOf(station.path)}</Text>
      </View>

      {closed ? (
        <View className="card">
          <Text className="notice">该站点已暂停服务,暂不能评价。</Text>
        </View>
      ) : (
        <>
          <Text className="section-title">1. 谁为您提供了服务?</Text>
          {station.staff.length === 0 && (
            <View className="card">
              <Text className="muted">今天该站点没有登记值班人员,请向现场工作人员询问。</Text>
            </View>
          )}
          <View {...roleOf('radiogroup')} aria-label="服务人员">
            {station.staff.map((person) => (
              <View
                key={person.id}
                className={`person${staffId === person.id ? ' person--chosen' : ''}`}
                {...roleOf('radio')}
                aria-checked={staffId === person.id}
                aria-label={`${person.name},${STAFF_ROLE_LABELS[person.role]}`}
                onClick={() => choosePerson(person)}
              >
                <Avatar name={person.name} />
                <View className="person__text">
                  <Text className="person__name">{person.name}</Text>
                  <Text className="person__role">
                    {STAFF_ROLE_LABELS[person.role]} · {person.organisation}
                  </Text>
                </View>
                <Text className="tick" aria-hidden>
                  {staffId === person.id ? '✓' : ''}
                </Text>
              </View>
            ))}
          </View>

          <Text className="section-title">2. 办理的是什么事项?</Text>
          <Choices label="服务事项" options={SERVICE_TYPES} labels={SERVICE_TYPE_LABELS} value={serviceType} onChange={pickService} />

          <Button className={`btn btn--primary${ready ? '' : ' btn--off'}`} {...roleOf('button')} disabled={!ready} aria-disabled={!ready} onClick={next}>
            下一步:评价
          </Button>
        </>
      )}
      <Text className="link centre" {...roleOf('link')} onClick={() => void Taro.navigateTo({ url: '/pages/mine/index' })}>
        我的评价
      </Text>
      {noticeOpen && (
        <PrivacyNotice
          onAccept={() => {
            privacy.accept();
            setNoticeOpen(false);
          }}
          onDecline={() => setNoticeOpen(false)}
        />
      )}
    </View>
  );
}
