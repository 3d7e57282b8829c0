import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import MinePage from '../src/pages/mine/index';
import { acceptPrivacy } from '../src/lib/privacy';
import { STORAGE_KEYS } from '../src/lib/storage';
import { installFakeApi, ownRating, STATION } from './support/fake-api';
import { taroMock } from './support/taro';

const WAITING = {
  input: {
    clientRequestId: '2b7c9a52-8a8e-4f57-9d4e-1c1d1c1d1c1d',
    stationCode: STATION.code,
    staffId: 12,
    serviceType: 'mediation',
    level: 5,
    comment: '调解很公道',
    raterType: 'individual',
    serviceDate: '2026-11-25',
  },
  display: { stationName: STATION.name, staffName: '欧阳娜娜', staffRole: 'mediator' },
  state: 'pending',
  queuedAt: '2026-11-25T03:00:00.000Z',
  attempts: 2,
};

describe('我的评价', () => {
  beforeEach(() => acceptPrivacy());

  it('lists the ratings newest first, with level, status (and why one is superseded), reason and masked phone', async () => {
    const api = installFakeApi();
    api.earlier = [
      ownRating({
        id: 1,
        comment: '讲得很清楚',
        createdAt: '2026-03-01T02:00:00.000Z',
        serviceDate: '2026-03-01',
        reply: { text: '谢谢您,有问题随时来站里', at: '2026-03-02T02:00:00.000Z' },
      }),
      ownRating({
        id: 2,
        level: 1,
        reasonCode: 'absent',
        callbackPhone: '139****5678',
        status: 'superseded',
        createdAt: '2026-09-09T02:00:00.000Z',
        serviceDate: '2026-09-09',
      }),
    ];
    render(<MinePage />);
    const cards = await screen.findAllByTestId('rating');
    expect(cards).toHaveLength(2);
    expect(within(cards[0]!).getByText(/非常不满意/)).toBeInTheDocument();
    expect(within(cards[0]!).getByText('以后续评价为准')).toBeInTheDocument();
    expect(within(cards[0]!).getByText('同一年度您对同一人员的多次评价,以最近一次服务的评价计入考核')).toBeInTheDocument();
    expect(within(cards[0]!).getByText('原因:工作时间找不到人')).toBeInTheDocument();
    expect(within(cards[0]!).getByText('回访电话:139****5678')).toBeInTheDocument();
    expect(within(cards[0]!).getByText(/9月9日/)).toBeInTheDocument();
    expect(within(cards[1]!).getByText('讲得很清楚')).toBeInTheDocument();
    expect(within(cards[1]!).getByText('有效')).toBeInTheDocument();
    expect(within(cards[1]!).getByText('马晓东回复:谢谢您,有问题随时来站里')).toBeInTheDocument();
    expect(within(cards[0]!).queryByText(/回复:/)).not.toBeInTheDocument();
  });

  it('shows a rating still on the phone as 待发送, sends it, and then lists it once', async () => {
    const api = installFakeApi();
    api.network = 'down';
    taroMock.storage.set(STORAGE_KEYS.outbox, JSON.stringify([WAITING]));
    const first = render(<MinePage />);
    const waiting = await screen.findByTestId('waiting');
    expect(within(waiting).getByText('待发送')).toBeInTheDocument();
    expect(within(waiting).getByText('调解很公道')).toBeInTheDocument();
    expect(await screen.findByRole('alert')).toHaveTextContent('网络不给力');
    first.unmount();

    api.network = 'up';
    render(<MinePage />);
    await waitFor(() => expect(screen.queryByTestId('waiting')).not.toBeInTheDocument());
    const cards = await screen.findAllByTestId('rating');
    expect(cards).toHaveLength(1);
    expect(within(cards[0]!).getByText('调解很公道')).toBeInTheDocument();
    expect([...api.stored.keys()]).toEqual([WAITING.input.clientRequestId]);
  });

  it('when a waiting rating already arrived but its answer was lost, then it is listed once', async () => {
    const api = installFakeApi();
    api.stored.set(WAITING.input.clientRequestId, ownRating({ id: 9, clientRequestId: WAITING.input.clientRequestId, comment: '调解很公道' }));
    api.network = 'lose-answer';
    taroMock.storage.set(STORAGE_KEYS.outbox, JSON.stringify([WAITING]));
    render(<MinePage />);
    await screen.findByTestId('rating');
    await waitFor(() => expect(screen.queryByTestId('waiting')).not.toBeInTheDocument());
    expect(screen.getAllByText('调解很公道')).toHaveLength(1);
    expect(JSON.parse(taroMock.storage.get(STORAGE_KEYS.outbox) as string)).toEqual([]);
  });

  it('when the server refuses a waiting rating, then it shows why and lets the person delete it', async () => {
    const api = installFakeApi();
    api.refuseWith = { status: 400, body: { code: 'validation_failed', message: '只能评价 30 天以内的服务' } };
    taroMock.storage.set(STORAGE_KEYS.outbox, JSON.stringify([WAITING]));
    render(<MinePage />);
    const waiting = await screen.findByTestId('waiting');
    await waitFor(() => expect(within(waiting).getByText('未能提交')).toBeInTheDocument());
    expect(within(waiting).getByText('只能评价 30 天以内的服务')).toBeInTheDocument();
    fireEvent.click(within(waiting).getByText('删除这条'));
    await waitFor(() => expect(screen.queryByTestId('waiting')).not.toBeInTheDocument());
    expect(JSON.parse(taroMock.storage.get(STORAGE_KEYS.outbox) as string)).toEqual([]);
  });

  it('without a network, shows the list it loaded last time', async () => {
    const api = installFakeApi();
    api.earlier = [ownRating({ id: 7, comment: '上次的评价' })];
    const online = render(<MinePage />);
    await screen.findByText('上次的评价');
    online.unmount();
    api.network = 'down';
    render(<MinePage />);
    expect(screen.getByText('上次的评价')).toBeInTheDocument();
    expect(await screen.findByRole('alert')).toHaveTextContent('下面是上次加载的内容');
  });

  it('when there are no ratings, then it says how to make one', async () => {
    installFakeApi();
    render(<MinePage />);
    expect(await screen.findByText(/还没有评价/)).toBeInTheDocument();
  });

  it('shows a 差评 followed up: under way with its deadline; once closed, what was done and 满意/基本满意/不满意, asked once', async () => {
    const api = installFakeApi();
    const bad = { level: 2, reasonCode: 'slow' as const, serviceDate: '2026-09-18' };
    api.earlier = [
      ownRating({
        id: 7,
        ...bad,
        createdAt: '2026-09-18T02:00:00.000Z',
        followUp: { status: 'open', dueOn: '2026-10-15', closedOn: null, resolution: null, verdict: null },
      }),
      ownRating({
        id: 8,
        ...bad,
        createdAt: '2026-09-17T02:00:00.000Z',
        followUp: { status: 'closed', dueOn: '2026-10-14', closedOn: '2026-09-22', resolution: '已增派一名律师周五值班', verdict: null },
      }),
    ];
    render(<MinePage />);
    const [open, closed] = await screen.findAllByTestId('rating');
    expect(within(open!).getByText('司法局正在跟进这条差评,将于10月15日前办结。')).toBeInTheDocument();
    expect(within(open!).queryByRole('button', { name: '满意' })).not.toBeInTheDocument();

    const block = within(closed!).getByRole('group', { name: '差评处理结果' });
    expect(within(block).getByText('司法局已于9月22日办结这条差评')).toBeInTheDocument();
    expect(within(block).getByText('处理情况:已增派一名律师周五值班')).toBeInTheDocument();
    fireEvent.click(within(block).getByRole('button', { name: '基本满意' }));
    expect(await within(block).findByText('您对处理结果的评价:基本满意')).toBeInTheDocument();
    expect(within(block).queryByRole('button', { name: '满意' })).not.toBeInTheDocument();
    expect(api.received.filter((r) => r.path === '/api/me/ratings/8/follow-up').map((r) => r.body)).toEqual([{ verdict: 'basic' }]);
    // Kept on the phone with the list: shown so offline too.
    expect(JSON.parse(taroMock.storage.get(STORAGE_KEYS.myRatings) as string)[1].followUp.verdict).toBe('basic');
  });
});
