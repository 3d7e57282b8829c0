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
  RATING_LEVEL_LABELS,
  RATING_STATUS_LABELS,
  SERVICE_TYPE_LABELS,
  STAFF_ROLE_LABELS,
  type RatingLevel,
  type StaffRole,
} from '@plsr/shared/vocabulary';
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

function RatingCard({ rating }: { rating: OwnRating }) {
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
        <RatingCard key={rating.id} rating={rating} />
      ))}
      {empty && <Text className="muted centre">还没有评价。扫描工作站的二维码即可评价。</Text>}
    </View>
  );
}
