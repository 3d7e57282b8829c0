/**
 * 消息通知 (issue 12, part 6): the worker's notices — each day's new ratings counted the day after, and
 * their appeals' decisions — newest first, the unread marked. In the mini-program the worker can allow
 * WeChat to bring them as subscribe messages (each allowance brings one, as WeChat rules); this list is
 * where they always are, allowed or not.
 */
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { WORKER_ROUTES } from '@plsr/shared/contract';
import type { WorkerNotifications } from '@plsr/shared/schemas';
import { beijingDateTime } from '@plsr/shared/time';
import { FieldError } from '../../components/FieldError';
import { roleOf } from '../../lib/a11y';
import { messageOf } from '../../lib/errors';
import { staffCall } from '../lib/session';

/** Shown before 查看全部. */
const FIRST = 3;

export function Notices() {
  const [data, setData] = useState<WorkerNotifications>();
  const [all, setAll] = useState(false);
  const [error, setError] = useState<string>();
  const [allowed, setAllowed] = useState<string>();

  useEffect(() => {
    staffCall(WORKER_ROUTES.workerNotifications).then(setData, (e: unknown) => setError(messageOf(e, '消息没有加载出来')));
  }, []);

  const readAll = async () => {
    if (!data?.notifications[0]) return;
    try {
      const { unread } = await staffCall(WORKER_ROUTES.readNotifications, { body: { upTo: data.notifications[0].id } });
      setData({ ...data, unread, notifications: data.notifications.map((n) => ({ ...n, read: true })) });
    } catch (e) {
      setError(messageOf(e, '没有标记成功,请稍后重试'));
    }
  };

  const allowWechat = () => {
    if (!data) return;
    Taro.requestSubscribeMessage({ tmplIds: data.subscribeTemplateIds, entityIds: [] }).then(
      (r) => {
        const accepted = data.subscribeTemplateIds.filter((id) => (r as unknown as Record<string, string>)[id] === 'accept').length;
        setAllowed(accepted > 0 ? `已开启 ${accepted} 类微信通知,各可收到一次;收到后可再次开启。` : '没有开启微信通知,消息仍会显示在这里。');
      },
      () => setAllowed('没有开启微信通知,消息仍会显示在这里。'),
    );
  };

  if (!data) return error ? <FieldError message={error} /> : null;
  const shown = all ? data.notifications : data.notifications.slice(0, FIRST);
  return (
    <View className="card">
      <Text className="staff__heading" {...roleOf('heading')} aria-level="2">
        消息通知{data.unread > 0 ? `(${data.unread} 条未读)` : ''}
      </Text>
      {data.notifications.length === 0 ? (
        <Text className="muted">暂无消息。每天的新评价会在第二天汇总告诉您,申诉有了结果也会告诉您。</Text>
      ) : (
        <View {...roleOf('list')} aria-label="消息通知">
          {shown.map((n) => (
            <View key={n.id} className={`notice-item${n.read ? '' : ' notice-item--unread'}`} {...roleOf('listitem')}>
              <Text className="notice-item__text">
                {n.read ? '' : '【未读】'}
                {n.text}
              </Text>
              <Text className="muted">{beijingDateTime(new Date(n.createdAt))}</Text>
            </View>
          ))}
        </View>
      )}
      <FieldError message={error} />
      {allowed ? (
        <Text className="muted" {...roleOf('status')}>
          {allowed}
        </Text>
      ) : null}
      <View className="rating__actions">
        {data.notifications.length > FIRST && !all ? (
          <Button className="btn btn--plain btn--small" {...roleOf('button')} onClick={() => setAll(true)}>
            查看全部
          </Button>
        ) : null}
        {data.unread > 0 ? (
          <Button className="btn btn--plain btn--small" {...roleOf('button')} onClick={() => void readAll()}>
            全部标为已读
          </Button>
        ) : null}
        {process.env.TARO_ENV === 'weapp' && data.subscribeTemplateIds.length > 0 ? (
          <Button className="btn btn--primary btn--small" {...roleOf('button')} onClick={allowWechat}>
            开启微信通知
          </Button>
        ) : null}
      </View>
    </View>
  );
}
