/**
 * 我的评价: what waits on the phone (待发送, or refused with the server's reason) above what the
 * server holds, newest first, with each rating's status. The last list fetched is kept, so the
 * page still shows something without a network.
 */
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { OwnRating } from '@plsr/shared/schemas';
import {
  BAD_REVIEW_REASON_LABELS,
  FIX_VERDICT_LABELS,
  FIX_VERDICTS,
  RATING_LEVEL_LABELS,
  RATING_STATUS_LABELS,
  SERVICE_TYPE_LABELS,
  STAFF_ROLE_LABELS,
  type FixVerdict,
  type RatingLevel,
  type StaffRole,
} from '@plsr/shared/vocabulary';
import { rateFollowUp } from '../../api/follow-up';
import { ApiError } from '../../api/http';
import { discardOutboxItem, flushOutbox, onOutboxChange, outboxItems, settleOutbox, type OutboxItem } from '../../api/outbox';
import { fetchMyRatings, rememberRatings, rememberedRatings } from '../../api/ratings';
import { PageHead } from '../../components/PageHead';
import { PrivacyNotice, usePrivacy } from '../../components/PrivacyNotice';
import { shortDate } from '../../lib/names';
import { privacyAccepted } from '../../lib/privacy';
import { roleOf } from '../../lib/a11y';
import { pageClass, useElderMode } from '../../lib/elder';

const stars = (level: number) => '★'.repeat(level) + '☆'.repeat(5 - level);

interface CardTop {
  staffName: string;
  staffRole: StaffRole;
  badge: { text: string; tone: string };
  where: string;
  level: number;
}

/** What every card starts with: who, the badge, where and what, and the stars. */
function RatingTop({ staffName, staffRole, badge, where, level }: CardTop) {
  return (
    <>
      <View className="rating__head">
        <Text className="rating__who">
          {staffName} · {STAFF_ROLE_LABELS[staffRole]}
        </Text>
        <Text className={`badge badge--${badge.tone}`}>{badge.text}</Text>
      </View>
      <Text className="rating__where">{where}</Text>
      <Text className="rating__level" aria-label={`${level}星`}>
        <Text className="rating__stars" aria-hidden>
          {stars(level)}
        </Text>{' '}
        {RATING_LEVEL_LABELS[level as RatingLevel]}
      </Text>
    </>
  );
}

/**
 * How the bureau followed up a 差评: under way with its deadline, then what was done and the rater's
 * verdict (满意 / 基本满意 / 不满意), asked once the case is closed.
 */
function FollowUpBlock({ rating, onRated }: { rating: OwnRating; onRated: (r: OwnRating) => void }) {
  const [sending, setSending] = useState<FixVerdict>();
  const [problem, setProblem] = useState<string>();
  const followUp = rating.followUp;
  if (!followUp) return null;
  if (followUp.status === 'open') {
    return <Text className="rating__follow-up">司法局正在跟进这条差评,将于{shortDate(followUp.dueOn)}前办结。</Text>;
  }
  const choose = async (verdict: FixVerdict) => {
    if (sending) return;
    setSending(verdict);
    setProblem(undefined);
    try {
      onRated({ ...rating, followUp: await rateFollowUp(rating.id, verdict) });
    } catch (error) {
      setProblem(error instanceof ApiError ? error.message : '没有发送成功,请联网后再试');
    } finally {
      setSending(undefined);
    }
  };
  return (
    <View className="rating__follow-up" {...roleOf('group')} aria-label="差评处理结果">
      <Text className="rating__follow-up-title">司法局已于{followUp.closedOn ? shortDate(followUp.closedOn) : ''}办结这条差评</Text>
      {followUp.resolution && <Text className="rating__text">处理情况:{followUp.resolution}</Text>}
      {followUp.verdict ? (
        <Text className="hint">您对处理结果的评价:{FIX_VERDICT_LABELS[followUp.verdict]}</Text>
      ) : (
        <>
          <Text className="rating__text">您对处理结果满意吗?</Text>
          <View className="verdicts">
            {FIX_VERDICTS.map((v) => (
              <Button
                key={v}
                className={`btn btn--plain btn--small verdict${sending === v ? ' btn--busy' : ''}`}
                {...roleOf('button')}
                aria-busy={sending === v}
                onClick={() => void choose(v)}
              >
                {FIX_VERDICT_LABELS[v]}
              </Button>
            ))}
          </View>
          {problem && (
            <Text className="field-error" {...roleOf('alert')}>
              {problem}
            </Text>
          )}
        </>
      )}
    </View>
  );
}

function RatingCard({ rating, onRated }: { rating: OwnRating; onRated: (r: OwnRating) => void }) {
  return (
    <View className="card rating" data-testid="rating">
      <RatingTop
        staffName={rating.staff.name}
        staffRole={rating.staff.role}
        badge={{ text: RATING_STATUS_LABELS[rating.status], tone: rating.status }}
        where={`${rating.station.name} · ${SERVICE_TYPE_LABELS[rating.serviceType]} · ${shortDate(rating.serviceDate)}`}
        level={rating.level}
      />
      {rating.reasonCode && <Text className="rating__text">原因:{BAD_REVIEW_REASON_LABELS[rating.reasonCode]}</Text>}
      {rating.comment && <Text className="rating__text">{rating.comment}</Text>}
      {rating.callbackPhone && <Text className="hint">回访电话:{rating.callbackPhone}</Text>}
      {rating.reply && (
        <Text className="rating__reply">
          {rating.staff.name}回复:{rating.reply.text}
        </Text>
      )}
      <FollowUpBlock rating={rating} onRated={onRated} />
      {rating.revision > 1 && <Text className="hint">当天修改过 {rating.revision - 1} 次</Text>}
      {rating.status === 'superseded' && <Text className="hint">同一年度您对同一人员的多次评价,以最近一次服务的评价计入考核</Text>}
    </View>
  );
}

function WaitingCard({ item }: { item: OutboxItem }) {
  const refused = item.state === 'rejected';
  return (
    <View className="card rating rating--waiting" data-testid="waiting">
      <RatingTop
        staffName={item.display.staffName}
        staffRole={item.display.staffRole}
        badge={refused ? { text: '未能提交', tone: 'refused' } : { text: '待发送', tone: 'waiting' }}
        where={`${item.display.stationName} · ${SERVICE_TYPE_LABELS[item.input.serviceType]}`}
        level={item.input.level}
      />
      {item.input.comment && <Text className="rating__text">{item.input.comment}</Text>}
      {refused ? (
        <>
          <Text className="field-error">{item.message}</Text>
          <Button className="btn btn--plain btn--small" {...roleOf('button')} onClick={() => discardOutboxItem(item.input.clientRequestId)}>
            删除这条
          </Button>
        </>
      ) : (
        <Text className="hint">联网后自动发送</Text>
      )}
    </View>
  );
}

export default function MinePage() {
  const [elder] = useElderMode();
  const privacy = usePrivacy();
  const [waiting, setWaiting] = useState(outboxItems);
  const [ratings, setRatings] = useState<OwnRating[] | undefined>(rememberedRatings);
  const [problem, setProblem] = useState<string>();
  const [loading, setLoading] = useState(false);

  useEffect(() => onOutboxChange(() => setWaiting(outboxItems())), []);

  const refresh = async () => {
    if (!privacyAccepted()) return;
    setLoading(true);
    try {
      await flushOutbox();
      const fresh = await fetchMyRatings();
      settleOutbox(fresh.map((r) => r.clientRequestId));
      rememberRatings(fresh);
      setRatings(fresh);
      setProblem(undefined);
    } catch (error) {
      const message = error instanceof ApiError ? error.message : '加载失败,请稍后重试';
      setProblem(ratings ? `${message}(下面是上次加载的内容)` : message);
    } finally {
      setLoading(false);
      setWaiting(outboxItems());
      Taro.stopPullDownRefresh();
    }
  };
  useDidShow(() => void refresh());
  const rated = (changed: OwnRating) => {
    const next = (ratings ?? []).map((r) => (r.id === changed.id ? changed : r));
    rememberRatings(next);
    setRatings(next);
  };
  usePullDownRefresh(() => void refresh());

  if (!privacy.accepted) {
    return (
      <View className={pageClass(elder)}>
        <PrivacyNotice
          onAccept={() => {
            privacy.accept();
            void refresh();
          }}
          onDecline={() => void Taro.navigateBack().catch(() => undefined)}
        />
      </View>
    );
  }

  const empty = waiting.length === 0 && ratings !== undefined && ratings.length === 0;
  return (
    <View className={pageClass(elder)}>
      <PageHead title="我的评价" />
      {problem && (
        <Text className="notice" {...roleOf('alert')}>
          {problem}
        </Text>
      )}
      {loading && ratings === undefined && (
        <Text className="muted" {...roleOf('status')}>
          正在加载…
        </Text>
      )}
      {waiting.map((item) => (
        <WaitingCard key={item.input.clientRequestId} item={item} />
      ))}
      {ratings?.map((rating) => (
        <RatingCard key={rating.id} rating={rating} onRated={rated} />
      ))}
      {empty && <Text className="muted centre">还没有评价。扫描工作站的二维码即可评价。</Text>}
    </View>
  );
}
