/**
 * The page every station code opens. It reads the code whichever way it came (mini-program code,
 * ordinary QR code, link), shows the station and its place, and takes the whole rating when nothing
 * more is needed: who helped (chosen already when one person is on duty), the service (proposed
 * from their role), the stars, 个人/单位 (proposed 个人), 提交评价. A 满意 is three taps. A 不满意
 * goes on to the full form for its reason; a comment or the optional dimensions too. In elder mode
 * it asks one question per screen. A bad or unknown code gets a page that says what to do.
 */
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { useEffect, useLayoutEffect, useState } from 'react';
import { placeOf, type PublicStaff, type StationView } from '@plsr/shared/schemas';
import {
  RATER_TYPE_LABELS,
  SERVICE_TYPES,
  SERVICE_TYPE_LABELS,
  STAFF_ROLE_LABELS,
  STATION_TIER_LABELS,
  USUAL_SERVICE_OF_ROLE,
  isBadReview,
  type ServiceType,
} from '@plsr/shared/vocabulary';
import { ApiError } from '../../api/http';
import { fetchStation, removeServerPreview, serverPreviewShown } from '../../api/stations';
import { Avatar } from '../../components/Avatar';
import { Choices } from '../../components/Choices';
import { ElderSwitch } from '../../components/ElderSwitch';
import { FieldError } from '../../components/FieldError';
import { PrivacyNotice, usePrivacy } from '../../components/PrivacyNotice';
import { LevelQuestion, RaterQuestion } from '../../components/Questions';
import { SameDayNotice } from '../../components/SameDayNotice';
import { StatusPage } from '../../components/StatusPage';
import { flag, roleOf } from '../../lib/a11y';
import { pageClass, useElderMode } from '../../lib/elder';
import { prefetchPages } from '../../lib/prefetch';
import { EMPTY_FORM, type RatingForm } from '../../lib/rating-form';
import { serviceCodeFromParams, stationCodeFromParams } from '../../lib/station-code';
import { useRatingSubmit } from '../../lib/use-rating-submit';

/** Elder mode's screens: who served, then how it was (with what was proposed), or a correction of the proposal. */
type Step = 'person' | 'level' | 'details';

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
  const [form, setForm] = useState<RatingForm>(EMPTY_FORM);
  const [elder] = useElderMode();
  const [step, setStep] = useState<Step>('person');
  const choosePerson = (person: PublicStaff) => {
    setStaffId(person.id);
    if (!servicePicked) setServiceType(USUAL_SERVICE_OF_ROLE[person.role]);
    setStep('level');
  };
  const pickService = (type: ServiceType) => {
    setServiceType(type);
    setServicePicked(true);
  };
  const code = parsed.ok ? parsed.code : undefined;
  const privacy = usePrivacy();
  const [noticeOpen, setNoticeOpen] = useState(!privacy.accepted);
  /** What the resident was doing when the notice came up: accepting it carries on with it. */
  const [resume, setResume] = useState<() => void>();
  const { errors, sending, submit } = useRatingSubmit(() => setNoticeOpen(true));

  // State changes only when the answer comes: `load` starts as 'loading', and `reload` sets it back.
  const fetchLoad = () => {
    if (!code) return;
    fetchStation(code).then(
      (station) => {
        setLoad({ state: 'ready', station });
        prefetchPages();
        // One person on duty: they are the one who served; the resident can still see and change it.
        const only = station.staff.length === 1 ? station.staff[0]! : undefined;
        if (only) {
          setStaffId(only.id);
          setServiceType(USUAL_SERVICE_OF_ROLE[only.role]);
          setStep('level');
        }
      },
      (error: unknown) => {
        if (error instanceof ApiError && error.status === 404) setLoad({ state: 'unknown', code });
        else setLoad({ state: 'failed', message: error instanceof ApiError ? error.message : '加载失败,请重试' });
      },
    );
  };
  useEffect(fetchLoad, [code]);
  if (process.env.TARO_ENV === 'weapp') {
    // A worker's service code scanned with WeChat: the rating page, with the worker and service chosen.
    // eslint-disable-next-line react-hooks/rules-of-hooks -- the condition is fixed when the build is made
    useEffect(() => {
      const sc = serviceCodeFromParams(params);
      if (code && sc) void Taro.redirectTo({ url: `/pages/rate/index?code=${code}&sc=${sc}` });
    }, []); // eslint-disable-line react-hooks/exhaustive-deps -- once, for the link the page was opened with
  }
  // The server's drawing of the station (H5, poster link) gives way once this page has something to
  // show: in the same task as this page's first real render, so the two are never seen together.
  useLayoutEffect(() => {
    if (load.state !== 'loading') removeServerPreview();
  }, [load.state]);
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
    if (serverPreviewShown()) return <View className={pageClass(elder)} />;
    return (
      <View className={pageClass(elder)}>
        {/* The shape of the page to come, so a slow network shows that something is on its way. */}
        <View className="card skeleton" aria-hidden>
          <View className="skeleton__line skeleton__line--short" />
          <View className="skeleton__line skeleton__line--title" />
          <View className="skeleton__line" />
        </View>
        <Text className="muted centre" {...roleOf('status')}>
          正在加载站点信息…
        </Text>
        <View className="person skeleton" aria-hidden />
        <View className="person skeleton" aria-hidden />
      </View>
    );
  }

  const { station } = load;
  const closed = station.status !== 'active';
  const person = station.staff.find((p) => p.id === staffId);
  const bad = form.level !== undefined && isBadReview(form.level);
  /** A person, a service and a level: the button goes from grey to green. */
  const ready = person !== undefined && serviceType !== undefined && form.level !== undefined;
  const target = person && serviceType ? { stationCode: station.code, stationName: station.name, staff: person, serviceType } : undefined;
  const change = (patch: Partial<RatingForm>) => setForm({ ...form, ...patch });

  /** The full form (a 不满意's reason, a comment, the dimensions), with what is already chosen. */
  const openForm = () => {
    if (!target) return;
    if (!privacy.accepted) {
      setResume(() => openForm);
      setNoticeOpen(true);
      return;
    }
    const level = form.level === undefined ? '' : `&level=${form.level}`;
    void Taro.navigateTo({
      url: `/pages/rate/index?code=${station.code}&staffId=${target.staff.id}&serviceType=${target.serviceType}&raterType=${form.raterType ?? ''}${level}`,
    });
  };
  const send = () => {
    if (!target || !ready || sending) return;
    if (bad) {
      openForm();
      return;
    }
    setResume(() => () => void submit(target, form));
    void submit(target, form);
  };

  const showPerson = !elder || step === 'person';
  const showDetails = !elder || step === 'details';
  const showLevel = !elder || step === 'level';

  return (
    <View className={pageClass(elder)}>
      <View className="card">
        <View className="station__head">
          <Text className="station__tier">{STATION_TIER_LABELS[station.tier]}</Text>
          <ElderSwitch />
        </View>
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
          {showPerson && (
            <>
              <Text className="section-title" {...roleOf('heading')} aria-level="2">
                谁为您提供了服务?
              </Text>
              {station.staff.length === 0 && (
                <View className="card">
                  <Text className="muted">今天该站点没有登记值班人员,请向现场工作人员询问。</Text>
                </View>
              )}
              <View {...roleOf('radiogroup')} aria-label="服务人员">
                {station.staff.map((p) => (
                  <View
                    key={p.id}
                    className={`person${staffId === p.id ? ' person--chosen' : ''}`}
                    {...roleOf('radio')}
                    aria-checked={flag(staffId === p.id)}
                    aria-label={`${p.name},${STAFF_ROLE_LABELS[p.role]}`}
                    onClick={() => choosePerson(p)}
                  >
                    <Avatar name={p.name} />
                    <View className="person__text">
                      <Text className="person__name">{p.name}</Text>
                      <Text className="person__role">
                        {STAFF_ROLE_LABELS[p.role]} · {p.organisation}
                      </Text>
                    </View>
                    <Text className="tick" aria-hidden>
                      {staffId === p.id ? '✓' : ''}
                    </Text>
                  </View>
                ))}
              </View>
            </>
          )}

          {elder && step !== 'person' && person && (
            <View className="card summary">
              <Text className="summary__line">
                为您服务的:{person.name}({STAFF_ROLE_LABELS[person.role]})
              </Text>
              <Text className="summary__line">
                事项:{serviceType ? SERVICE_TYPE_LABELS[serviceType] : '未选'} · 身份:{form.raterType ? RATER_TYPE_LABELS[form.raterType] : '未选'}
              </Text>
              <View className="summary__actions">
                <Text className="link" {...roleOf('link')} onClick={() => setStep('person')}>
                  换一位服务人员
                </Text>
                {step === 'level' && (
                  <Text className="link" {...roleOf('link')} onClick={() => setStep('details')}>
                    更改事项或身份
                  </Text>
                )}
              </View>
            </View>
          )}

          {showDetails && (
            <>
              <Text className="section-title" {...roleOf('heading')} aria-level="2">
                办理的是什么事项?
              </Text>
              <Choices label="服务事项" options={SERVICE_TYPES} labels={SERVICE_TYPE_LABELS} value={serviceType} onChange={pickService} />
            </>
          )}

          {showLevel && <LevelQuestion value={form.level} onChange={(level) => change({ level })} elder={elder} />}

          {showDetails && <RaterQuestion value={form.raterType} onChange={(raterType) => change({ raterType })} />}

          {elder && step === 'details' && (
            <Button className="btn btn--primary" {...roleOf('button')} onClick={() => setStep(person ? 'level' : 'person')}>
              确定
            </Button>
          )}

          {showLevel && (
            <>
              {person && <SameDayNotice staffId={person.id} name={person.name} />}
              <FieldError message={errors.form ?? errors.level ?? errors.serviceDate} />
              <Button
                className={`btn btn--primary${ready && !sending ? '' : sending ? ' btn--busy' : ' btn--off'}`}
                {...roleOf('button')}
                disabled={!ready || sending}
                aria-disabled={flag(!ready || sending)}
                aria-busy={flag(sending)}
                onClick={send}
              >
                {sending ? '正在提交…' : bad ? '下一步:说明原因' : '提交评价'}
              </Button>
              {target && !bad && (
                <Text className="link centre" {...roleOf('link')} onClick={openForm}>
                  写几句话或分项评价(选填)
                </Text>
              )}
            </>
          )}
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
            resume?.();
            setResume(undefined);
          }}
          onDecline={() => {
            setNoticeOpen(false);
            setResume(undefined);
          }}
        />
      )}
    </View>
  );
}
