import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import RatePage from '../src/pages/rate/index';
import { acceptPrivacy } from '../src/lib/privacy';
import { STORAGE_KEYS } from '../src/lib/storage';
import { installFakeApi, STATION } from './support/fake-api';
import { taroMock } from './support/taro';

async function openRatePage() {
  taroMock.setParams({ code: STATION.code, staffId: '11', serviceType: 'consultation' });
  const view = render(<RatePage />);
  await screen.findByText('您对这次服务满意吗?');
  return view;
}

/**
 * Types into Taro's H5 textarea/input: the component (a web component, not rendered inside jsdom)
 * reports typing as an `input` event whose detail carries the value, which is what this sends.
 */
function typeInto(container: HTMLElement, label: string, value: string) {
  const host = container.querySelector(`[aria-label="${label}"]`);
  if (!host) throw new Error(`no field labelled ${label}`);
  act(() => {
    host.dispatchEvent(new CustomEvent('input', { detail: { value }, bubbles: true }));
  });
}

const submit = () => fireEvent.click(screen.getByText('提交评价'));
const outbox = () => JSON.parse((taroMock.storage.get(STORAGE_KEYS.outbox) as string | undefined) ?? '[]') as unknown[];

describe('the rating page', () => {
  beforeEach(() => acceptPrivacy());

  it('shows whom the rating is for and chooses nothing for the person', async () => {
    installFakeApi();
    await openRatePage();
    expect(screen.getByText('马晓东')).toBeInTheDocument();
    expect(screen.getByText('律师 · 法律咨询')).toBeInTheDocument();
    // No level and no dimension is chosen for the person; only who rates (个人) is proposed.
    const chosen = screen.getAllByRole('radio').filter((radio) => radio.getAttribute('aria-checked') === 'true');
    expect(chosen.map((radio) => radio.getAttribute('aria-label') ?? radio.textContent)).toEqual(['个人']);
    expect(screen.getByText('请点击星星评价')).toBeInTheDocument();
  });

  it('when the page cannot load for the network, then it offers to try again instead of a wrong message', async () => {
    const api = installFakeApi();
    api.network = 'down';
    taroMock.setParams({ code: 'T640402101', staffId: '11', serviceType: 'consultation' });
    render(<RatePage />);
    expect(await screen.findByText('页面没有加载出来')).toBeInTheDocument();
    expect(screen.queryByText('没有找到要评价的服务人员')).not.toBeInTheDocument();
  });

  it('when the person is not serving at the station, then it says so and leads back', async () => {
    installFakeApi();
    taroMock.setParams({ code: STATION.code, staffId: '999', serviceType: 'consultation' });
    render(<RatePage />);
    expect(await screen.findByText('没有找到要评价的服务人员')).toBeInTheDocument();
  });

  it('when the station page sent the person on with stars and rater chosen, then they are kept, and a 不满意 asks its reason', async () => {
    installFakeApi();
    taroMock.setParams({ code: STATION.code, staffId: '11', serviceType: 'consultation', level: '2', raterType: 'organisation' });
    render(<RatePage />);
    await screen.findByText('您对这次服务满意吗?');
    expect(screen.getByRole('radio', { name: '不满意(2星)' })).toHaveAttribute('aria-checked', 'true');
    expect(screen.getByRole('radio', { name: '单位' })).toHaveAttribute('aria-checked', 'true');
    expect(screen.getByText('不满意的原因(必选)')).toBeInTheDocument();
  });

  it('labels the five stars with their words for screen readers', async () => {
    installFakeApi();
    await openRatePage();
    const group = screen.getByRole('radiogroup', { name: '满意程度' });
    const labels = Array.from(group.querySelectorAll('[role="radio"]')).map((el) => el.getAttribute('aria-label'));
    expect(labels).toEqual(['非常不满意(1星)', '不满意(2星)', '基本满意(3星)', '满意(4星)', '非常满意(5星)']);
  });

  it('when submitted without a level, then it says so beside the stars and sends nothing; no level is ever preselected', async () => {
    const api = installFakeApi();
    await openRatePage();
    const stars = screen.getByRole('radiogroup', { name: '满意程度' }).querySelectorAll('[role="radio"][aria-checked="true"]');
    expect(stars).toHaveLength(0);
    submit();
    expect(await screen.findByText('请选择满意程度')).toBeInTheDocument();
    expect(screen.queryByText('请选择评价人类型(个人或单位)')).not.toBeInTheDocument();
    expect(api.received.filter((r) => r.path === '/api/ratings')).toHaveLength(0);
    expect(outbox()).toHaveLength(0);
  });

  it('when the review is bad and no reason is chosen, then the reason is required; the phone is optional', async () => {
    const api = installFakeApi();
    const { container } = await openRatePage();
    fireEvent.click(screen.getByRole('radio', { name: '不满意(2星)' }));
    fireEvent.click(screen.getByRole('radio', { name: '个人' }));
    expect(screen.getByText('回访电话(选填)')).toBeInTheDocument();
    submit();
    expect(await screen.findByText('不满意的评价请选择原因')).toBeInTheDocument();
    typeInto(container, '回访电话', '12345');
    expect(await screen.findByText('请填写 11 位手机号码')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('radio', { name: '办事拖延、效率低' }));
    typeInto(container, '回访电话', '13912345678');
    await waitFor(() => expect(screen.queryByText('请填写 11 位手机号码')).not.toBeInTheDocument());
    submit();
    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalled());
    const sent = api.received.find((r) => r.path === '/api/ratings')?.body;
    expect(sent).toMatchObject({ level: 2, reasonCode: 'slow', callbackPhone: '13912345678', raterType: 'individual' });
  });

  it('when the comment is longer than 300 characters, then the counter turns red and it is not sent', async () => {
    const api = installFakeApi();
    const { container } = await openRatePage();
    fireEvent.click(screen.getByRole('radio', { name: '满意(4星)' }));
    fireEvent.click(screen.getByRole('radio', { name: '个人' }));
    typeInto(container, '评价内容', '很'.repeat(301));
    expect(screen.getByText('301/300')).toHaveClass('counter--over');
    submit();
    expect(await screen.findByText('评价内容不能超过 300 字')).toBeInTheDocument();
    expect(api.received.filter((r) => r.path === '/api/ratings')).toHaveLength(0);
  });

  it('proposes 个人 as the rater, shown and changeable to 单位', async () => {
    await openRatePage();
    expect(screen.getByRole('radio', { name: '个人' })).toHaveAttribute('aria-checked', 'true');
    fireEvent.click(screen.getByRole('radio', { name: '单位' }));
    expect(screen.getByRole('radio', { name: '单位' })).toHaveAttribute('aria-checked', 'true');
    expect(screen.getByRole('radio', { name: '个人' })).toHaveAttribute('aria-checked', 'false');
  });

  it('when a good review follows a bad one, then the reason and phone are not sent', async () => {
    const api = installFakeApi();
    const { container } = await openRatePage();
    fireEvent.click(screen.getByRole('radio', { name: '非常不满意(1星)' }));
    fireEvent.click(screen.getByRole('radio', { name: '服务态度差' }));
    typeInto(container, '回访电话', '13912345678');
    fireEvent.click(screen.getByRole('radio', { name: '非常满意(5星)' }));
    fireEvent.click(screen.getByRole('radio', { name: '单位' }));
    submit();
    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalled());
    const sent = api.received.find((r) => r.path === '/api/ratings')?.body as Record<string, unknown>;
    expect(sent).toMatchObject({ level: 5, raterType: 'organisation' });
    expect(sent).not.toHaveProperty('reasonCode');
    expect(sent).not.toHaveProperty('callbackPhone');
  });

  it('when the server refuses the rating, then its message is shown and nothing is kept to retry', async () => {
    const api = installFakeApi();
    api.refuseWith = {
      status: 400,
      body: {
        code: 'validation_failed',
        message: '所选人员当天不在本站点服务,请重新选择',
        details: [{ path: 'staffId', message: '所选人员当天不在本站点服务' }],
      },
    };
    await openRatePage();
    fireEvent.click(screen.getByRole('radio', { name: '满意(4星)' }));
    fireEvent.click(screen.getByRole('radio', { name: '个人' }));
    submit();
    expect(await screen.findByText('所选人员当天不在本站点服务,请重新选择')).toBeInTheDocument();
    expect(Taro.redirectTo).not.toHaveBeenCalled();
    expect(outbox()).toHaveLength(0);
  });
});

describe('a rating sent without a network', () => {
  beforeEach(() => acceptPrivacy());

  it('is kept with its request id, retried, and stored once even when an answer was lost', async () => {
    const api = installFakeApi();
    await openRatePage();
    // The login and the first send fail: no network at all.
    api.network = 'down';
    fireEvent.click(screen.getByRole('radio', { name: '满意(4星)' }));
    fireEvent.click(screen.getByRole('radio', { name: '个人' }));
    submit();
    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalled());
    expect(Taro.redirectTo).toHaveBeenCalledWith({ url: expect.stringContaining('queued=1') });
    const kept = outbox() as Array<{ input: { clientRequestId: string }; state: string }>;
    expect(kept).toHaveLength(1);
    expect(kept[0]?.state).toBe('pending');
    const id = kept[0]!.input.clientRequestId;

    const { flushOutbox } = await import('../src/api/outbox');
    // The server stores it, but the answer never reaches the phone: still kept.
    api.network = 'lose-answer';
    await act(() => flushOutbox());
    expect(api.stored.size).toBe(1);
    expect(outbox()).toHaveLength(1);

    // Back online: the retry carries the same id, the server recognises it, the phone lets go.
    api.network = 'up';
    await act(() => flushOutbox());
    expect(outbox()).toHaveLength(0);
    expect(api.stored.size).toBe(1);
    const sends = api.received.filter((r) => r.method === 'POST' && r.path === '/api/ratings');
    expect(sends.map((r) => (r.body as { clientRequestId: string }).clientRequestId)).toEqual([id, id]);
  });
});

describe('the rating page opened by a worker’s service code', () => {
  beforeEach(() => acceptPrivacy());
  const SC = 'AbcdefghijABCDEFGHIJ_-';
  const view = {
    stationCode: STATION.code,
    stationName: STATION.name,
    staff: STATION.staff[1]!,
    serviceType: null,
    serviceDate: '2026-06-15',
    expiresAt: '2026-06-16T04:00:00.000Z',
  } as const;

  it('names the worker and the proven visit, lets the resident say the service the worker left open, and sends the code with that day', async () => {
    const api = installFakeApi();
    api.serviceCodes.set(SC, view);
    taroMock.setParams({ code: STATION.code, sc: SC });
    render(<RatePage />);
    expect(await screen.findByText('欧阳娜娜出示的服务码:这次评价记为经核实的服务(6月15日)。')).toHaveAttribute('role', 'status');
    // The usual service of a mediator is proposed; the resident may change it.
    expect(screen.getByRole('radio', { name: '人民调解' })).toHaveAttribute('aria-checked', 'true');
    fireEvent.click(screen.getByRole('radio', { name: '法律咨询' }));
    fireEvent.click(screen.getByRole('radio', { name: '非常满意(5星)' }));
    submit();
    await waitFor(() => expect(api.stored.size).toBe(1));
    const sent = api.received.find((r) => r.method === 'POST' && r.path === '/api/ratings')!.body;
    expect(sent).toMatchObject({ staffId: 12, serviceType: 'consultation', serviceCode: SC, serviceDate: '2026-06-15', level: 5 });
  });

  it('when the worker chose the service, then it is not asked again', async () => {
    const api = installFakeApi();
    api.serviceCodes.set(SC, { ...view, serviceType: 'mediation' });
    taroMock.setParams({ code: STATION.code, sc: SC });
    render(<RatePage />);
    await screen.findByText('人民调解员 · 人民调解');
    expect(screen.queryByRole('radiogroup', { name: '服务事项' })).not.toBeInTheDocument();
  });

  it('when the code is used up, then it says so and offers the station’s own page', async () => {
    const api = installFakeApi();
    api.serviceCodes.set(SC, { status: 409, body: { code: 'conflict', message: '这个服务码已经用过了,每个服务码只能评价一次' } });
    taroMock.setParams({ code: STATION.code, sc: SC });
    render(<RatePage />);
    expect(await screen.findByText('服务码不能使用')).toBeInTheDocument();
    expect(screen.getByText('这个服务码已经用过了,每个服务码只能评价一次')).toBeInTheDocument();
    fireEvent.click(screen.getByText('评价本站点的服务'));
    expect(Taro.redirectTo).toHaveBeenCalledWith({ url: `/pages/station/index?code=${STATION.code}` });
  });
});
