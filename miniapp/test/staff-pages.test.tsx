/**
 * 我收到的评价 (the workers' pages): the year's score as the server computed it, bars that read as
 * text, each rating without who or when; a lost session goes back to the login page.
 */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { WorkerRatings } from '@plsr/shared/schemas';
import StaffRatingsPage from '../src/staff/pages/ratings/index';
import StaffLoginPage from '../src/staff/pages/login/index';
import StaffStationsPage from '../src/staff/pages/stations/index';
import { STAFF_SESSION_KEY } from '../src/lib/storage';
import { taroMock } from './support/taro';
import Taro from '@tarojs/taro';

const SESSION = {
  token: 'worker-token',
  expiresAt: '2099-01-01T00:00:00.000Z',
  kind: 'staff',
  mustChangePassword: false,
  staff: { id: 7, name: '马文清', role: 'lawyer' },
};

const months = Array.from({ length: 12 }, (_, i) => ({ month: i + 1, ratings: i === 5 ? 4 : 0, meanPoints: i === 5 ? 77.5 : null }));
const RATINGS: WorkerRatings = {
  year: 2026,
  staff: SESSION.staff as WorkerRatings['staff'],
  summary: { ratings: 6, score: 88.4, band: 'good', status: 'scored', meanPoints: 90, satisfactionRate: 0.8333, badReviews: 1, prior: 84.2, minRatings: 5 },
  months,
  levels: [
    { level: 5, ratings: 4 },
    { level: 4, ratings: 1 },
    { level: 3, ratings: 0 },
    { level: 2, ratings: 1 },
    { level: 1, ratings: 0 },
  ],
  dimensions: { attitude: { mean: 4.5, ratings: 2 }, competence: { mean: null, ratings: 0 }, efficiency: { mean: 3, ratings: 1 } },
  ratings: [
    {
      ref: 'a1',
      level: 2,
      dimensions: { attitude: null, competence: null, efficiency: 2 },
      reasonCode: 'slow',
      reasonText: '排队很久',
      comment: null,
      serviceType: 'consultation',
      station: { code: 'T640402100', name: '三营镇公共法律服务工作站' },
      serviceDate: '2026-06-15',
      counted: true,
      reply: null,
      appeal: null,
      appealableUntil: '2026-07-15T04:00:00.000Z',
    },
    {
      ref: 'b2',
      level: 5,
      dimensions: { attitude: null, competence: null, efficiency: null },
      reasonCode: null,
      reasonText: null,
      comment: '解答很清楚',
      serviceType: 'mediation',
      station: { code: 'T640402100', name: '三营镇公共法律服务工作站' },
      serviceDate: '2026-06-14',
      counted: false,
      reply: { text: '谢谢您的肯定', createdAt: '2026-06-14T08:00:00.000Z', editableUntil: '2026-06-15T08:00:00.000Z' },
      appeal: null,
      appealableUntil: null,
    },
  ],
};

const NOTICES = {
  unread: 1,
  notifications: [
    { id: 9, kind: 'appeal_decided', text: '您对 2026-06-15 那条评价的申诉:申诉成立(服务时间不符)', createdAt: '2026-06-20T02:00:00.000Z', read: false },
    { id: 4, kind: 'new_rating', text: '6月14日收到 2 条新评价:非常满意 2 条', createdAt: '2026-06-14T16:01:00.000Z', read: true },
  ],
  subscribeTemplateIds: ['tpl-new-rating'],
};

/** Answers the page's ratings (what `answer` gives) and its notices; `seen` has the ratings calls, `read` what was marked read. */
function serve(answer: (path: string) => { statusCode: number; data: unknown }) {
  const seen: string[] = [];
  const read: unknown[] = [];
  taroMock.setRequestHandler(async ({ url, header, data }) => {
    const path = url.replace(/^https?:\/\/[^/]+/, '');
    if (path === '/api/worker/notifications') return { statusCode: 200, data: NOTICES };
    if (path === '/api/worker/notifications/read') {
      read.push(data);
      return { statusCode: 200, data: { unread: 0 } };
    }
    seen.push(`${path} ${header?.Authorization ?? ''}`);
    return answer(path);
  });
  return Object.assign(seen, { read });
}

describe('我收到的评价', () => {
  beforeEach(() => taroMock.storage.set(STAFF_SESSION_KEY, JSON.stringify(SESSION)));

  it('shows the score, the months and levels as text, and each rating without who or when', async () => {
    const seen = serve(() => ({ statusCode: 200, data: RATINGS }));
    render(<StaffRatingsPage />);
    expect(await screen.findByText('88.4 分(好)')).toBeInTheDocument();
    expect(screen.getByText('计入得分的评价 6 条 · 满意率 83.3% · 差评 1 条')).toBeInTheDocument();
    expect(screen.getByText(/本人平均 90.0 分,按同市同类人员平均 84.2 分加权/)).toBeInTheDocument();
    const months = within(screen.getByRole('list', { name: '每月评价' })).getAllByRole('listitem');
    expect(months).toHaveLength(12);
    expect(months[5]).toHaveTextContent('6 月4 条,平均 77.5 分');
    expect(within(screen.getByRole('list', { name: '评价等级' })).getAllByRole('listitem')[0]).toHaveTextContent('非常满意4 条');
    const cards = within(screen.getByRole('list', { name: '评价内容' })).getAllByRole('listitem');
    expect(cards.map((c) => c.textContent)).toEqual([expect.stringContaining('原因:办事拖延、效率低(排队很久)'), expect.stringContaining('“解答很清楚”')]);
    expect(cards[0]).toHaveTextContent('2026-06-15 · 三营镇公共法律服务工作站 · 法律咨询');
    expect(cards[1]).toHaveTextContent('(已剔除,不计入得分)');
    expect(seen[0]).toMatch(/^\/api\/worker\/ratings\?year=\d{4} Bearer worker-token$/);
  });

  it('shows the notices, the unread marked, and marks them read up to the newest', async () => {
    const seen = serve(() => ({ statusCode: 200, data: RATINGS }));
    render(<StaffRatingsPage />);
    expect(await screen.findByRole('heading', { name: '消息通知(1 条未读)' })).toBeInTheDocument();
    const items = within(screen.getByRole('list', { name: '消息通知' })).getAllByRole('listitem');
    expect(items.map((i) => i.textContent)).toEqual([
      '【未读】您对 2026-06-15 那条评价的申诉:申诉成立(服务时间不符)2026-06-20 10:00',
      '6月14日收到 2 条新评价:非常满意 2 条2026-06-15 00:01',
    ]);
    // In a browser there is no WeChat to allow.
    expect(screen.queryByRole('button', { name: '开启微信通知' })).not.toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: '全部标为已读' }));
    expect(await screen.findByRole('heading', { name: '消息通知' })).toBeInTheDocument();
    expect(seen.read).toEqual([{ upTo: 9 }]);
  });

  it('says 样本不足 below the minimum, and loads last year when asked', async () => {
    const seen = serve(() => ({
      statusCode: 200,
      data: { ...RATINGS, summary: { ...RATINGS.summary, ratings: 3, status: 'insufficient', band: null, score: 91.2 } },
    }));
    render(<StaffRatingsPage />);
    expect(await screen.findByText('样本不足')).toBeInTheDocument();
    expect(screen.getByText('少于 5 条评价时不评等次;当前估算 91.2 分。')).toBeInTheDocument();
    const lastYear = screen.getAllByRole('radio')[1]!;
    fireEvent.click(lastYear);
    await waitFor(() => expect(seen).toHaveLength(2));
    expect(seen[1]).toContain(`year=${Number(/year=(\d{4})/.exec(seen[0]!)![1]) - 1}`);
  });

  it('a session the server no longer knows (the person left) goes back to the login page, forgotten', async () => {
    serve(() => ({ statusCode: 401, data: { code: 'unauthorized', message: '请先登录,或登录已失效' } }));
    render(<StaffRatingsPage />);
    await waitFor(() => expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/staff/pages/login/index' }));
    expect(taroMock.storage.has(STAFF_SESSION_KEY)).toBe(false);
  });
});

describe('服务人员登录', () => {
  it('in a browser: the password login and the first-time binding, each with named fields', () => {
    taroMock.storage.delete(STAFF_SESSION_KEY);
    render(<StaffLoginPage />);
    expect(screen.getByRole('heading', { name: '已设置密码' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: '首次使用:输入绑定码' })).toBeInTheDocument();
    for (const name of ['用户名', '密码', '绑定码', '设置用户名', '设置密码', '再次输入密码']) expect(screen.getByLabelText(name)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '绑定并登录' })).toBeInTheDocument();
  });

  it('a worker already signed in goes straight to the ratings', async () => {
    taroMock.storage.set(STAFF_SESSION_KEY, JSON.stringify(SESSION));
    render(<StaffLoginPage />);
    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/staff/pages/ratings/index' }));
  });

  it('refuses a binding without a code, before asking the server', async () => {
    taroMock.storage.delete(STAFF_SESSION_KEY);
    const seen = serve(() => ({ statusCode: 500, data: {} }));
    render(<StaffLoginPage />);
    fireEvent.click(screen.getByRole('button', { name: '绑定并登录' }));
    expect(await screen.findByText('请填写绑定码')).toBeInTheDocument();
    expect([...seen]).toEqual([]);
  });
});

describe('我的站点', () => {
  beforeEach(() => taroMock.storage.set(STAFF_SESSION_KEY, JSON.stringify(SESSION)));
  const station = (code: string, name: string, fromDate: string) => ({
    code,
    name,
    tier: 'township_workstation',
    place: '原州区 三营镇',
    status: 'active',
    fromDate,
    toDate: null,
  });

  it('出示服务码 where the worker serves today: the service chosen, the one-time code shown with its link', async () => {
    const sent: unknown[] = [];
    taroMock.setRequestHandler(async ({ url, method, data }) => {
      const path = url.replace(/^https?:\/\/[^/]+/, '');
      if (path === '/api/worker/stations') {
        return {
          statusCode: 200,
          data: { stations: [station('T640402100', '三营镇公共法律服务工作站', '2026-01-01'), station('T640402101', '明日站', '2099-01-01')] },
        };
      }
      if (method === 'POST' && path === '/api/worker/service-codes') {
        sent.push(data);
        return {
          statusCode: 201,
          data: {
            code: 'AbcdefghijABCDEFGHIJ_-',
            link: 'https://plsr.example.cn/s/T640402100?sc=AbcdefghijABCDEFGHIJ_-',
            qr: 'data:image/png;base64,iVBORw0KGgo=',
            expiresAt: '2026-06-16T04:00:00.000Z',
            station: { code: 'T640402100', name: '三营镇公共法律服务工作站' },
            serviceType: 'legal_aid',
          },
        };
      }
      return { statusCode: 404, data: { code: 'not_found', message: '接口不存在' } };
    });
    render(<StaffStationsPage />);
    // Only where they serve today: a posting from a later date has no code to show yet.
    fireEvent.click(await screen.findByRole('button', { name: '出示服务码:三营镇公共法律服务工作站' }));
    expect(screen.queryByRole('button', { name: '出示服务码:明日站' })).not.toBeInTheDocument();
    const panel = screen.getByRole('region', { name: '出示服务码' });
    expect(within(panel).getByRole('radio', { name: '法律咨询' })).toHaveAttribute('aria-checked', 'true');
    fireEvent.click(within(panel).getByRole('radio', { name: '法律援助' }));
    fireEvent.click(within(panel).getByRole('button', { name: '生成服务码' }));
    const shown = await screen.findByRole('region', { name: '服务码' });
    expect(sent).toEqual([{ station: 'T640402100', serviceType: 'legal_aid' }]);
    expect(within(shown).getByRole('img', { name: '服务码二维码' })).toHaveStyle({ backgroundImage: 'url(data:image/png;base64,iVBORw0KGgo=)' });
    expect(within(shown).getByText(/只能用一次,06-16 12:00/)).toBeInTheDocument();
    expect(within(shown).getByText('https://plsr.example.cn/s/T640402100?sc=AbcdefghijABCDEFGHIJ_-')).toBeInTheDocument();
    fireEvent.click(within(shown).getByRole('button', { name: '为下一位出示' }));
    expect(screen.getByRole('region', { name: '出示服务码' })).toBeInTheDocument();
  });
});
