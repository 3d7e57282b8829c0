/**
 * 我收到的评价: a worker's year as the year-end scores it (the same function, the same counts), month by
 * month, by level and by dimension, and each rating: level, comment, station and service date. Never
 * who rated, nor when in the day, nor in which order they came (see shared/schemas/worker.ts).
 */
import Taro, { useDidShow } from '@tarojs/taro';
import { Button, Text, Textarea, View } from '@tarojs/components';
import { useState, type ReactNode } from 'react';
import { WORKER_ROUTES } from '@plsr/shared/contract';
import { APPEAL_EVIDENCE_MAX, APPEAL_REASON_MAX, REPLY_MAX, type WorkerRating, type WorkerRatings } from '@plsr/shared/schemas';
import { beijingDate, yearOfDate } from '@plsr/shared/time';
import {
  APPEAL_STATUS_LABELS,
  BAD_REVIEW_REASON_LABELS,
  BAND_LABELS,
  RATING_DIMENSION_LABELS,
  RATING_LEVEL_LABELS,
  SERVICE_TYPE_LABELS,
  STAFF_ROLE_LABELS,
  type RatingLevel,
} from '@plsr/shared/vocabulary';
import { allMessagesOf, messageOf } from '../../../lib/errors';
import { Choices } from '../../../components/Choices';
import { FieldError } from '../../../components/FieldError';
import { fieldLabel, roleOf } from '../../../lib/a11y';
import { endSession, forgetStaffSession, staffCall, staffSession, STAFF_PAGES } from '../../lib/session';
import { Notices } from '../../components/Notices';
import { StaffNav } from '../../components/StaffNav';
import { useTitle } from '../../lib/title';
import '../../staff.css';

const thisYear = yearOfDate(beijingDate(new Date()));
const YEARS = [String(thisYear), String(thisYear - 1)] as const;
type YearText = (typeof YEARS)[number];
const YEAR_LABELS = Object.fromEntries(YEARS.map((y) => [y, `${y} 年`])) as Record<YearText, string>;
const one = (v: number | null) => (v === null ? '—' : v.toFixed(1));
const percent = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

type BarRow = { key: string | number; label: string; value: number; text: string };

/** A card of bars that reads as text (每月评价, 评价等级): the bars are decoration, the words say it all. */
function BarList({ title, rows, children }: { title: string; rows: BarRow[]; children?: ReactNode }) {
  const max = Math.max(0, ...rows.map((r) => r.value));
  return (
    <View className="card">
      <Text className="staff__heading" {...roleOf('heading')} aria-level="2">
        {title}
      </Text>
      <View {...roleOf('list')} aria-label={title}>
        {rows.map((r) => (
          <View key={r.key} className="bar" {...roleOf('listitem')}>
            <Text className="bar__label">{r.label}</Text>
            <View className="bar__track" aria-hidden>
              <View className="bar__fill" style={{ width: `${max ? Math.round((r.value / max) * 100) : 0}%` }} />
            </View>
            <Text className="bar__text">{r.text}</Text>
          </View>
        ))}
      </View>
      {children}
    </View>
  );
}

type Open = 'reply' | 'appeal' | null;

/** One rating: what the resident said, the worker's reply (editable for a day) and appeal, and their forms. */
function RatingCard({ r, onChanged }: { r: WorkerRating; onChanged: () => void }) {
  const dims = (['attitude', 'competence', 'efficiency'] as const).filter((d) => r.dimensions[d] !== null);
  const [open, setOpen] = useState<Open>(null);
  const [reply, setReply] = useState(r.reply?.text ?? '');
  const [appeal, setAppeal] = useState({ reason: '', evidence: '' });
  const [error, setError] = useState<string>();
  // When the card was shown: a reply's day of edits is judged against it.
  const [shownAt] = useState(() => Date.now());
  const replyEditable = !r.reply || Date.parse(r.reply.editableUntil) > shownAt;
  const level = RATING_LEVEL_LABELS[r.level as RatingLevel] ?? String(r.level);

  const send = async (what: 'reply' | 'appeal') => {
    setError(undefined);
    try {
      if (what === 'reply') await staffCall(WORKER_ROUTES.replyToRating, { params: { ref: r.ref }, body: { text: reply } });
      else
        await staffCall(WORKER_ROUTES.appealRating, {
          params: { ref: r.ref },
          body: { reason: appeal.reason, ...(appeal.evidence.trim() ? { evidence: appeal.evidence } : {}) },
        });
      setOpen(null);
      onChanged();
    } catch (e) {
      setError(allMessagesOf(e, '提交失败,请稍后重试'));
    }
  };

  return (
    <View className={`card rating${r.counted ? '' : ' rating--off'}`} {...roleOf('listitem')}>
      <Text className="rating__level">
        {level}
        {r.counted ? '' : '(已剔除,不计入得分)'}
      </Text>
      <Text className="muted">
        {r.serviceDate} · {r.station.name} · {SERVICE_TYPE_LABELS[r.serviceType]}
      </Text>
      {dims.length ? <Text className="muted">{dims.map((d) => `${RATING_DIMENSION_LABELS[d]} ${r.dimensions[d]} 分`).join(' · ')}</Text> : null}
      {r.reasonCode ? (
        <Text className="rating__reason">
          原因:{BAD_REVIEW_REASON_LABELS[r.reasonCode]}
          {r.reasonText ? `(${r.reasonText})` : ''}
        </Text>
      ) : null}
      {r.comment ? <Text className="rating__comment">“{r.comment}”</Text> : null}
      {r.reply && open !== 'reply' ? <Text className="rating__mine">我的回复:{r.reply.text}</Text> : null}
      {r.appeal ? (
        <Text className="rating__mine">
          我的申诉:{APPEAL_STATUS_LABELS[r.appeal.status]}
          {r.appeal.decisionReason ? `(${r.appeal.decisionReason})` : ''}
        </Text>
      ) : null}
      {open === 'reply' ? (
        <View {...roleOf('group')} aria-label={`回复这条${level}的评价`}>
          <Textarea className="textarea" {...fieldLabel('回复内容')} value={reply} maxlength={REPLY_MAX} autoHeight onInput={(e) => setReply(e.detail.value)} />
          <Text className="muted">评价人会在“我的评价”中看到您的回复;发出后一天内可以修改。</Text>
        </View>
      ) : null}
      {open === 'appeal' ? (
        <View {...roleOf('group')} aria-label={`申诉这条${level}的评价`}>
          <Text className="field-label">申诉理由(至少 5 个字)</Text>
          <Textarea
            className="textarea"
            {...fieldLabel('申诉理由')}
            value={appeal.reason}
            maxlength={APPEAL_REASON_MAX}
            autoHeight
            onInput={(e) => setAppeal({ ...appeal, reason: e.detail.value })}
          />
          <Text className="field-label">证据说明(选填)</Text>
          <Textarea
            className="textarea"
            {...fieldLabel('证据说明')}
            value={appeal.evidence}
            maxlength={APPEAL_EVIDENCE_MAX}
            autoHeight
            onInput={(e) => setAppeal({ ...appeal, evidence: e.detail.value })}
          />
          <Text className="muted">由站点所在县(区)司法局审核;申诉成立的评价不计入得分。每条评价只能申诉一次。</Text>
        </View>
      ) : null}
      <FieldError message={error} />
      <View className="rating__actions">
        {open ? (
          <>
            <Button className="btn btn--primary btn--small" {...roleOf('button')} onClick={() => void send(open)}>
              {open === 'reply' ? '发送回复' : '提交申诉'}
            </Button>
            <Button className="btn btn--plain btn--small" {...roleOf('button')} onClick={() => setOpen(null)}>
              取消
            </Button>
          </>
        ) : (
          <>
            {replyEditable ? (
              <Button className="btn btn--plain btn--small" {...roleOf('button')} onClick={() => setOpen('reply')}>
                {r.reply ? '修改回复' : '回复'}
              </Button>
            ) : null}
            {r.appealableUntil ? (
              <Button className="btn btn--plain btn--small" {...roleOf('button')} onClick={() => setOpen('appeal')}>
                申诉
              </Button>
            ) : null}
          </>
        )}
      </View>
    </View>
  );
}

export default function StaffRatingsPage() {
  useTitle('我收到的评价');
  const session = staffSession();
  const [year, setYear] = useState<YearText>(YEARS[0]);
  const [data, setData] = useState<WorkerRatings>();
  const [error, setError] = useState<string>();

  const load = (y: YearText) =>
    staffCall(WORKER_ROUTES.workerRatings, { query: { year: y } }).then(
      (r) => setData(r),
      (e: unknown) => setError(messageOf(e, '加载失败,请稍后重试')),
    );
  useDidShow(() => {
    if (!session) void Taro.reLaunch({ url: STAFF_PAGES.login });
    else void load(year);
  });

  const logout = () => {
    forgetStaffSession();
    if (session) void endSession(session.token);
    void Taro.reLaunch({ url: STAFF_PAGES.login });
  };

  if (!session) return null;
  const s = data?.summary;
  return (
    <View className="staff-page">
      <StaffNav current="ratings" />
      <Text className="staff__title" {...roleOf('heading')} aria-level="1">
        我收到的评价
      </Text>
      <Text className="muted">
        {session.staff.name} · {STAFF_ROLE_LABELS[session.staff.role]}
      </Text>
      <Notices />
      <Choices
        label="年份"
        options={YEARS}
        labels={YEAR_LABELS}
        value={year}
        onChange={(y) => {
          setYear(y);
          setData(undefined);
          void load(y);
        }}
      />
      <FieldError message={error} />
      {data && s ? (
        <View>
          <View className="card">
            <Text className="staff__heading" {...roleOf('heading')} aria-level="2">
              {data.year} 年度得分
            </Text>
            <Text className={s.status === 'scored' ? 'score' : 'score score--none'}>
              {s.status === 'scored' ? `${one(s.score)} 分(${BAND_LABELS[s.band!]})` : s.status === 'insufficient' ? '样本不足' : '暂无评价'}
            </Text>
            <Text className="muted">
              计入得分的评价 {s.ratings} 条 · 满意率 {percent(s.satisfactionRate)} · 差评 {s.badReviews} 条
            </Text>
            <Text className="muted">
              {s.status === 'insufficient'
                ? `少于 ${s.minRatings} 条评价时不评等次;当前估算 ${one(s.score)} 分。`
                : s.status === 'scored'
                  ? `得分与年终考核同一算法:本人平均 ${one(s.meanPoints)} 分,按同市同类人员平均 ${one(s.prior)} 分加权。`
                  : '今年还没有计入得分的评价。'}
            </Text>
          </View>

          <BarList
            title="每月评价"
            rows={data.months.map((m) => ({
              key: m.month,
              label: `${m.month} 月`,
              value: m.ratings,
              text: m.ratings ? `${m.ratings} 条,平均 ${one(m.meanPoints)} 分` : '无',
            }))}
          />
          <BarList
            title="评价等级"
            rows={data.levels.map((l) => ({
              key: l.level,
              label: RATING_LEVEL_LABELS[l.level as RatingLevel] ?? String(l.level),
              value: l.ratings,
              text: `${l.ratings} 条`,
            }))}
          >
            <Text className="muted">
              {(['attitude', 'competence', 'efficiency'] as const)
                .map((d) => `${RATING_DIMENSION_LABELS[d]} ${data.dimensions[d].mean === null ? '—' : data.dimensions[d].mean!.toFixed(2)}`)
                .join(' · ')}
              (5 分制)
            </Text>
          </BarList>

          <Text className="staff__heading staff__heading--list" {...roleOf('heading')} aria-level="2">
            评价内容({data.ratings.length} 条)
          </Text>
          <Text className="muted">为保护评价人,这里不显示评价人信息和评价时间,同一天的评价不按先后排列。</Text>
          <View {...roleOf('list')} aria-label="评价内容">
            {data.ratings.map((r) => (
              <RatingCard key={r.ref} r={r} onChanged={() => void load(year)} />
            ))}
          </View>
        </View>
      ) : error ? null : (
        <Text className="muted" {...roleOf('status')}>
          正在加载…
        </Text>
      )}
      <Button className="btn btn--plain" {...roleOf('button')} onClick={logout}>
        退出登录
      </Button>
    </View>
  );
}
