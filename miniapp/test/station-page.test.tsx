import { fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import StationPage from '../src/pages/station/index';
import { acceptPrivacy } from '../src/lib/privacy';
import { installFakeApi, STATION } from './support/fake-api';
import { taroMock } from './support/taro';

const POSTER_URL = `https://pingjia.example.cn/s/${STATION.code}`;

describe('the station page', () => {
  beforeEach(() => acceptPrivacy());

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

  it('goes on to the rating page only once a person is chosen; their usual service is proposed', async () => {
    installFakeApi();
    taroMock.setParams({ code: STATION.code });
    render(<StationPage />);
    await screen.findByText(STATION.name);
    const next = screen.getByText('下一步:评价');
    fireEvent.click(next);
    expect(Taro.navigateTo).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('radio', { name: /马晓东/ }));
    expect(screen.getByRole('radio', { name: '法律咨询' })).toHaveAttribute('aria-checked', 'true');
    fireEvent.click(screen.getByRole('radio', { name: /欧阳娜娜/ }));
    expect(screen.getByRole('radio', { name: '人民调解' })).toHaveAttribute('aria-checked', 'true');
    fireEvent.click(screen.getByRole('radio', { name: /马晓东/ }));
    fireEvent.click(next);
    expect(Taro.navigateTo).toHaveBeenCalledWith({
      url: `/pages/rate/index?code=${STATION.code}&staffId=11&serviceType=consultation`,
    });
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
  it('is shown on first use; until it is accepted, the person cannot go on to rate', async () => {
    installFakeApi();
    taroMock.setParams({ code: STATION.code });
    render(<StationPage />);
    expect(await screen.findByText('个人信息保护提示')).toBeInTheDocument();
    fireEvent.click(screen.getByText('不同意'));
    expect(screen.queryByText('个人信息保护提示')).not.toBeInTheDocument();
    fireEvent.click(screen.getByRole('radio', { name: /马晓东/ }));
    fireEvent.click(screen.getByRole('radio', { name: '法律咨询' }));
    fireEvent.click(screen.getByText('下一步:评价'));
    expect(Taro.navigateTo).not.toHaveBeenCalled();
    fireEvent.click(await screen.findByText('同意并继续'));
    fireEvent.click(screen.getByText('下一步:评价'));
    expect(Taro.navigateTo).toHaveBeenCalledTimes(1);
  });
});
