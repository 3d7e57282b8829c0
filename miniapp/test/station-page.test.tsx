import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import StationPage from '../src/pages/station/index';
import { setElderMode } from '../src/lib/elder';
import { acceptPrivacy } from '../src/lib/privacy';
import { installFakeApi, STATION } from './support/fake-api';
import { taroMock } from './support/taro';

const POSTER_URL = `https://pingjia.example.cn/s/${STATION.code}`;

describe('the station page', () => {
  beforeEach(() => acceptPrivacy());
  afterEach(() => setElderMode(false));

  it.each([
    ['a mini-program code', { scene: STATION.code }],
    ['an ordinary QR code', { q: encodeURIComponent(POSTER_URL) }],
    ['a link opened in a browser', { code: STATION.code }],
  ])('when opened by %s, then it shows the station, its place and its people', async (_label, params) => {
    const api = installFakeApi();
    taroMock.setParams(params);
    render(<StationPage />);
    expect(await screen.findByText(STATION.name)).toBeInTheDocument();
    expect(screen.getByText('固原市 › 原州区 › 三营镇')).toBeInTheDocument();
    expect(screen.getByText('马晓东')).toBeInTheDocument();
    expect(screen.getByText('律师 · 宁夏固原律师事务所')).toBeInTheDocument();
    expect(screen.getByText('娜娜')).toBeInTheDocument(); // initials of 欧阳娜娜
    expect(api.received).toEqual([{ method: 'GET', path: `/api/stations/${STATION.code}`, body: undefined }]);
  });

  it('when the code is malformed, then a page says what to do and nothing is asked of the server', async () => {
    const api = installFakeApi();
    taroMock.setParams({ scene: 'not-a-code' });
    render(<StationPage />);
    expect(screen.getByText('二维码无法识别')).toBeInTheDocument();
    expect(screen.getByText(/请扫描公共法律服务站\(室\)墙上张贴的“服务评价”二维码/)).toBeInTheDocument();
    expect(api.received).toHaveLength(0);
  });

  it('when the code is well-formed but unknown, then it says the station was not found', async () => {
    installFakeApi();
    taroMock.setParams({ code: 'T999999999' });
    render(<StationPage />);
    expect(await screen.findByText('没有找到这个站点')).toBeInTheDocument();
    expect(screen.getByText(/站点编码 T999999999 不存在或已撤销/)).toBeInTheDocument();
  });

  it('when the network fails, then it offers to try again, and trying again loads the station', async () => {
    const api = installFakeApi();
    api.network = 'down';
    taroMock.setParams({ code: STATION.code });
    render(<StationPage />);
    expect(await screen.findByText('站点信息没有加载出来')).toBeInTheDocument();
    api.network = 'up';
    fireEvent.click(screen.getByText('重试'));
    expect(await screen.findByText(STATION.name)).toBeInTheDocument();
  });

  it('sends a 满意 from the station page once a person and a level are chosen; their usual service and 个人 are proposed', async () => {
    const api = installFakeApi();
    taroMock.setParams({ code: STATION.code });
    render(<StationPage />);
    await screen.findByText(STATION.name);
    const send = screen.getByRole('button', { name: '提交评价' });
    expect(send).toHaveAttribute('aria-disabled', 'true');
    fireEvent.click(screen.getByRole('radio', { name: /马晓东/ }));
    expect(screen.getByRole('radio', { name: '法律咨询' })).toHaveAttribute('aria-checked', 'true');
    fireEvent.click(screen.getByRole('radio', { name: /欧阳娜娜/ }));
    expect(screen.getByRole('radio', { name: '人民调解' })).toHaveAttribute('aria-checked', 'true');
    fireEvent.click(screen.getByRole('radio', { name: /马晓东/ }));
    expect(screen.getByRole('radio', { name: '个人' })).toHaveAttribute('aria-checked', 'true');
    // No level is ever chosen for the person.
    expect(screen.getAllByRole('radio', { checked: true }).map((r) => r.getAttribute('aria-label') ?? r.textContent)).not.toContain('满意(4星)');
    fireEvent.click(send);
    expect(api.received.filter((r) => r.method === 'POST' && r.path === '/api/ratings')).toHaveLength(0);
    fireEvent.click(screen.getByRole('radio', { name: '满意(4星)' }));
    expect(send).toHaveAttribute('aria-disabled', 'false');
    fireEvent.click(send);
    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: expect.stringContaining('/pages/thanks/index?level=4') }));
    const [sent] = api.received.filter((r) => r.method === 'POST' && r.path === '/api/ratings');
    expect(sent?.body).toMatchObject({ stationCode: STATION.code, staffId: 11, serviceType: 'consultation', level: 4, raterType: 'individual' });
  });

  it('when the level is 不满意, then it goes on to the full form for the reason, with the stars and rater carried over', async () => {
    const api = installFakeApi();
    taroMock.setParams({ code: STATION.code });
    render(<StationPage />);
    await screen.findByText(STATION.name);
    fireEvent.click(screen.getByRole('radio', { name: /马晓东/ }));
    fireEvent.click(screen.getByRole('radio', { name: '不满意(2星)' }));
    fireEvent.click(screen.getByRole('button', { name: '下一步:说明原因' }));
    expect(Taro.navigateTo).toHaveBeenCalledWith({
      url: `/pages/rate/index?code=${STATION.code}&staffId=11&serviceType=consultation&raterType=individual&level=2`,
    });
    expect(api.received.filter((r) => r.method === 'POST')).toHaveLength(0);
  });

  it('when this phone already rated the person today, then it says the new rating replaces that one before sending', async () => {
    installFakeApi();
    taroMock.setParams({ code: STATION.code });
    const first = render(<StationPage />);
    await screen.findByText(STATION.name);
    fireEvent.click(screen.getByRole('radio', { name: /马晓东/ }));
    expect(screen.queryByText(/再次提交将替换/)).not.toBeInTheDocument();
    fireEvent.click(screen.getByRole('radio', { name: '满意(4星)' }));
    fireEvent.click(screen.getByRole('button', { name: '提交评价' }));
    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalled());
    first.unmount();
    render(<StationPage />);
    await screen.findByText(STATION.name);
    fireEvent.click(screen.getByRole('radio', { name: /马晓东/ }));
    expect(screen.getByText('您今天已评价过马晓东,再次提交将替换今天的那条评价。')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('radio', { name: /欧阳娜娜/ }));
    expect(screen.queryByText(/再次提交将替换/)).not.toBeInTheDocument();
  });

  it('in elder mode, asks one question per screen: who served, then how it was, with the proposal shown and changeable', async () => {
    installFakeApi();
    setElderMode(true);
    taroMock.setParams({ code: STATION.code });
    render(<StationPage />);
    await screen.findByText(STATION.name);
    expect(screen.getByRole('switch', { name: '大字模式' })).toHaveAttribute('aria-checked', 'true');
    expect(screen.queryByText('您对这次服务满意吗?')).not.toBeInTheDocument();
    fireEvent.click(screen.getByRole('radio', { name: /欧阳娜娜/ }));
    expect(screen.queryByRole('radio', { name: /马晓东/ })).not.toBeInTheDocument();
    expect(screen.getByText('您对这次服务满意吗?')).toBeInTheDocument();
    expect(screen.getByText('事项:人民调解 · 身份:个人')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('link', { name: '更改事项或身份' }));
    expect(screen.queryByText('您对这次服务满意吗?')).not.toBeInTheDocument();
    fireEvent.click(screen.getByRole('radio', { name: '单位' }));
    fireEvent.click(screen.getByRole('button', { name: '确定' }));
    expect(screen.getByText('事项:人民调解 · 身份:单位')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('switch', { name: '大字模式' }));
    expect(screen.getByRole('radio', { name: /马晓东/ })).toBeInTheDocument();
  });

  it('keeps a service the resident picked when they then choose another person', async () => {
    installFakeApi();
    taroMock.setParams({ code: STATION.code });
    render(<StationPage />);
    await screen.findByText(STATION.name);
    fireEvent.click(screen.getByRole('radio', { name: /马晓东/ }));
    fireEvent.click(screen.getByRole('radio', { name: '代写法律文书' }));
    fireEvent.click(screen.getByRole('radio', { name: /欧阳娜娜/ }));
    expect(screen.getByRole('radio', { name: '代写法律文书' })).toHaveAttribute('aria-checked', 'true');
  });

  it('when one person is on duty, then they and their usual service are already chosen', async () => {
    const api = installFakeApi();
    api.station = { ...api.station, staff: api.station.staff.slice(1) };
    taroMock.setParams({ code: STATION.code });
    render(<StationPage />);
    await screen.findByText(STATION.name);
    expect(screen.getByRole('radio', { name: /欧阳娜娜/ })).toHaveAttribute('aria-checked', 'true');
    expect(screen.getByRole('radio', { name: '人民调解' })).toHaveAttribute('aria-checked', 'true');
  });
});

describe('the privacy notice', () => {
  it('is shown on first use; declined, it comes back at 提交评价, and accepting it sends the rating (the tap is not lost)', async () => {
    const api = installFakeApi();
    taroMock.setParams({ code: STATION.code });
    render(<StationPage />);
    expect(await screen.findByText('个人信息保护提示')).toBeInTheDocument();
    fireEvent.click(screen.getByText('不同意'));
    expect(screen.queryByText('个人信息保护提示')).not.toBeInTheDocument();
    fireEvent.click(screen.getByRole('radio', { name: /马晓东/ }));
    fireEvent.click(screen.getByRole('radio', { name: '满意(4星)' }));
    fireEvent.click(screen.getByRole('button', { name: '提交评价' }));
    expect(await screen.findByText('个人信息保护提示')).toBeInTheDocument();
    expect(api.received).toHaveLength(1); // the station only
    fireEvent.click(screen.getByText('同意并继续'));
    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: expect.stringContaining('/pages/thanks/index?level=4') }));
  });
});
