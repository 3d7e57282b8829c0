/**
 * The rating itself: five stars, optional dimensions, a reason (and a call-back number if wanted)
 * for 不满意, a comment, 个人/单位. Nothing is chosen for the person. Submitting keeps the rating on
 * the phone first, so a lost connection never loses it (see api/outbox.ts).
 *
 * Opened by a worker's service code (`sc`, issue 12 part 5) it reads the worker, the station and the
 * service from the code, says the visit is proven, and sends the code with the rating; a used or
 * expired code says so and offers the station's own page.
 */
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import { useEffect, useLayoutEffect, useState } from 'react';
import { COMMENT_MAX, REASON_TEXT_MAX } from '@plsr/shared/schemas';
import {
  BAD_REVIEW_REASONS,
  BAD_REVIEW_REASON_LABELS,
  RATER_TYPES,
  RATING_LEVELS,
  RATING_DIMENSIONS,
  RATING_DIMENSION_LABELS,
  SERVICE_TYPES,
  SERVICE_TYPE_LABELS,
  STAFF_ROLE_LABELS,
  isBadReview,
} from '@plsr/shared/vocabulary';
import { ApiError } from '../../api/http';
import { serviceCodeTarget } from '../../api/service-codes';
import { removeServerPreview, stationFor } from '../../api/stations';
import { Avatar } from '../../components/Avatar';
import { Choices } from '../../components/Choices';
import { FieldError } from '../../components/FieldError';
import { PrivacyNotice, usePrivacy } from '../../components/PrivacyNotice';
import { LevelQuestion, RaterQuestion } from '../../components/Questions';
import { SameDayNotice } from '../../components/SameDayNotice';
import { Stars } from '../../components/Stars';
import { StatusPage } from '../../components/StatusPage';
import { fieldLabel, flag, roleOf } from '../../lib/a11y';
import { pageClass, useElderMode } from '../../lib/elder';
import { EMPTY_FORM, lengthOf, type RatingForm } from '../../lib/rating-form';
import { useRatingSubmit, type RatingTarget } from '../../lib/use-rating-submit';

/** 2026-06-15 → 6月15日 */
const dayText = (date: string) => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;

/** What the station page already chose (the stars, 个人/单位), carried over in the link. */
function formFromParams(params: Record<string, string | undefined>): RatingForm {
  const level = RATING_LEVELS.find((l) => String(l) === params.level);
  const raterType = RATER_TYPES.find((t) => t === params.raterType) ?? EMPTY_FORM.raterType;
  return { ...EMPTY_FORM, level, raterType };
}

export default function RatePage() {
  const { params } = useRouter();
  const [target, setTarget] = useState<(RatingTarget & { serviceChosen?: boolean }) | 'loading' | 'invalid' | 'offline' | { refused: string }>('loading');
  const [form, setForm] = useState<RatingForm>(() => formFromParams(params));
  const privacy = usePrivacy();
  const [noticeOpen, setNoticeOpen] = useState(false);
  const { errors, sending, recheck, submit } = useRatingSubmit(() => setNoticeOpen(true));
  const [elder] = useElderMode();

  // State changes only when the answer comes: `target` starts as 'loading', and `retry` sets it back.
  const fetchTarget = () => {
    const code = params.code ?? '';
    if (params.sc) {
      serviceCodeTarget(params.sc).then(setTarget, (error: unknown) =>
        setTarget(
          error instanceof ApiError && error.kind === 'network' ? 'offline' : { refused: error instanceof ApiError ? error.message : '服务码无法使用' },
        ),
      );
      return;
    }
    const staffId = Number(params.staffId);
    const serviceType = SERVICE_TYPES.find((t) => t === params.serviceType);
    stationFor(code).then(
      (station) => {
        const staff = station.staff.find((s) => s.id === staffId);
        setTarget(staff && serviceType ? { stationCode: station.code, stationName: station.name, staff, serviceType } : 'invalid');
      },
      (error: unknown) => setTarget(error instanceof ApiError && error.kind === 'network' ? 'offline' : 'invalid'),
    );
  };
  useEffect(fetchTarget, [params.code, params.staffId, params.serviceType, params.sc]);
  // A service code's link (/s/<code>?sc=…) arrives through the server's page, which draws no station for it.
  useLayoutEffect(removeServerPreview, []);
  const retry = () => {
    setTarget('loading');
    fetchTarget();
  };

  if (target === 'loading') {
    return (
      <View className={pageClass(elder)}>
        <Text className="muted" {...roleOf('status')}>
          正在加载…
        </Text>
      </View>
    );
  }
  if (target === 'offline') {
    return (
      <StatusPage icon="!" title="页面没有加载出来" lines={['网络不给力,请检查网络后重试。']} actions={[{ text: '重试', primary: true, onClick: retry }]} />
    );
  }
  if (typeof target === 'object' && 'refused' in target) {
    const station = params.code ? `/pages/station/index?code=${encodeURIComponent(params.code)}` : undefined;
    return (
      <StatusPage
        icon="!"
        title="服务码不能使用"
        lines={[target.refused, '您仍可以评价:扫站点墙上的二维码,或点下面的按钮。']}
        actions={[
          station
            ? { text: '评价本站点的服务', primary: true, onClick: () => void Taro.redirectTo({ url: station }) }
            : { text: '返回首页', primary: true, onClick: () => void Taro.reLaunch({ url: '/pages/index/index' }) },
        ]}
      />
    );
  }
  if (target === 'invalid') {
    return (
      <StatusPage
        icon="!"
        title="没有找到要评价的服务人员"
        lines={['请返回重新扫描站点二维码,选择为您服务的人员。']}
        actions={[{ text: '返回首页', primary: true, onClick: () => void Taro.reLaunch({ url: '/pages/index/index' }) }]}
      />
    );
  }

  const change = (patch: Partial<RatingForm>) => {
    const next = { ...form, ...patch };
    setForm(next);
    recheck(target, next);
  };

  const bad = form.level !== undefined && isBadReview(form.level);
  const commentLength = lengthOf(form.comment);

  return (
    <View className={pageClass(elder)}>
      <View className="card person person--static">
        <Avatar name={target.staff.name} />
        <View className="person__text">
          <Text className="person__name">{target.staff.name}</Text>
          <Text className="person__role">
            {STAFF_ROLE_LABELS[target.staff.role]} · {SERVICE_TYPE_LABELS[target.serviceType]}
          </Text>
          <Text className="person__role">{target.stationName}</Text>
        </View>
      </View>
      {target.proof && (
        <Text className="notice" {...roleOf('status')}>
          {target.staff.name}出示的服务码:这次评价记为经核实的服务({dayText(target.proof.serviceDate)})。
        </Text>
      )}
      {target.proof && !target.serviceChosen && (
        <View className="card">
          <Text className="field-label">办理的是什么事项?</Text>
          <Choices
            label="服务事项"
            options={SERVICE_TYPES}
            labels={SERVICE_TYPE_LABELS}
            value={target.serviceType}
            onChange={(serviceType) => setTarget({ ...target, serviceType })}
          />
        </View>
      )}

      <LevelQuestion value={form.level} onChange={(level) => change({ level })} elder={elder} error={errors.level} />

      {bad && (
        <View className="card">
          <Text className="field-label">不满意的原因(必选)</Text>
          <Choices
            label="不满意的原因"
            options={BAD_REVIEW_REASONS}
            labels={BAD_REVIEW_REASON_LABELS}
            value={form.reasonCode}
            onChange={(reasonCode) => change({ reasonCode })}
          />
          <FieldError message={errors.reasonCode} />
          <Textarea
            className="textarea textarea--short"
            placeholder="补充说明(选填)"
            {...fieldLabel('原因说明')}
            value={form.reasonText}
            maxlength={-1}
            onInput={(e) => change({ reasonText: e.detail.value })}
          />
          <FieldError message={errors.reasonText} />
          <Text className="field-label">回访电话(选填)</Text>
          <Text className="hint">留下手机号,司法局核实后会回访您。号码加密保存,仅用于回访。</Text>
          <Input
            className="input"
            type="number"
            placeholder="11 位手机号码"
            {...fieldLabel('回访电话')}
            maxlength={11}
            value={form.callbackPhone}
            onInput={(e) => change({ callbackPhone: e.detail.value })}
          />
          <FieldError message={errors.callbackPhone} />
        </View>
      )}

      <View className="card">
        <Text className="field-label">分项评价(选填)</Text>
        {RATING_DIMENSIONS.map((dimension) => (
          <View key={dimension} className="dimension">
            <Text className="dimension__label">{RATING_DIMENSION_LABELS[dimension]}</Text>
            <Stars
              size="small"
              label={RATING_DIMENSION_LABELS[dimension]}
              value={form.dimensions[dimension]}
              onChange={(value) => change({ dimensions: { ...form.dimensions, [dimension]: value } })}
            />
          </View>
        ))}
        <FieldError message={errors.dimensions} />
      </View>

      <View className="card">
        <Text className="field-label">想说的话(选填)</Text>
        <Textarea
          className="textarea"
          placeholder="说说您的感受或建议"
          {...fieldLabel('评价内容')}
          value={form.comment}
          maxlength={-1}
          onInput={(e) => change({ comment: e.detail.value })}
        />
        <Text className={`counter${commentLength > COMMENT_MAX ? ' counter--over' : ''}`}>
          {commentLength}/{COMMENT_MAX}
        </Text>
        <FieldError message={errors.comment} />
      </View>

      <RaterQuestion value={form.raterType} onChange={(raterType) => change({ raterType })} error={errors.raterType} />

      <SameDayNotice staffId={target.staff.id} name={target.staff.name} />
      <FieldError message={errors.form ?? errors.stationCode ?? errors.staffId ?? errors.serviceDate} />
      <Button
        className={`btn btn--primary${sending ? ' btn--busy' : ''}`}
        {...roleOf('button')}
        disabled={sending}
        aria-disabled={flag(sending)}
        aria-busy={flag(sending)}
        onClick={() => void submit(target, form)}
      >
        {sending ? '正在提交…' : '提交评价'}
      </Button>
      <Text className="hint centre">原因说明最多 {REASON_TEXT_MAX} 字;评价内容仅评价对象和司法行政机关可见。</Text>

      {noticeOpen && (
        <PrivacyNotice
          onAccept={() => {
            privacy.accept();
            setNoticeOpen(false);
            void submit(target, form);
          }}
          onDecline={() => setNoticeOpen(false)}
        />
      )}
    </View>
  );
}
