/**
 * Hand mock of @tarojs/taro for component tests (jest maps the module here). Storage is an
 * in-memory map, navigation is recorded, page params are set by the test, and `request` is
 * whatever the test installs (see fake-api.ts): the pages under test run unchanged.
 */
import { useEffect } from 'react';

type RequestOptions = { url: string; method?: string; data?: unknown; header?: Record<string, string> };
type RequestResult = { statusCode: number; data: unknown; header?: Record<string, string> };

const storage = new Map<string, unknown>();
let routerParams: Record<string, string | undefined> = {};
let requestHandler: (options: RequestOptions) => Promise<RequestResult> = async () => {
  throw { errMsg: 'request:fail no handler installed' };
};
const networkListeners: Array<(status: { isConnected: boolean; networkType: string }) => void> = [];

export const taroMock = {
  reset() {
    storage.clear();
    routerParams = {};
    networkListeners.length = 0;
    Taro.navigateTo.mockClear();
    Taro.redirectTo.mockClear();
    Taro.reLaunch.mockClear();
  },
  setParams(params: Record<string, string | undefined>) {
    routerParams = params;
  },
  setRequestHandler(handler: typeof requestHandler) {
    requestHandler = handler;
  },
  storage,
  goOnline() {
    networkListeners.forEach((listener) => listener({ isConnected: true, networkType: 'wifi' }));
  },
};

const navigation = () => jest.fn(async (_options: { url: string }) => ({ errMsg: 'ok' }));

const Taro = {
  request: (options: RequestOptions) => requestHandler(options),
  getStorageSync: (key: string) => (storage.has(key) ? storage.get(key) : ''),
  setStorageSync: (key: string, value: unknown) => void storage.set(key, value),
  removeStorageSync: (key: string) => void storage.delete(key),
  navigateTo: navigation(),
  redirectTo: navigation(),
  reLaunch: navigation(),
  navigateBack: jest.fn(async () => ({ errMsg: 'ok' })),
  login: jest.fn(async () => ({ code: 'valid:test-openid', errMsg: 'login:ok' })),
  onNetworkStatusChange: (listener: (typeof networkListeners)[number]) => void networkListeners.push(listener),
  stopPullDownRefresh: () => undefined,
  showToast: jest.fn(async () => ({ errMsg: 'ok' })),
  setNavigationBarTitle: jest.fn(async () => ({ errMsg: 'ok' })),
};

export const useRouter = () => ({ params: routerParams, path: '' });
/** Pages show once when mounted in a test. */
export const useDidShow = (callback: () => void) => useEffect(callback, []);
export const usePullDownRefresh = (_callback: () => void) => undefined;
export const useLaunch = (_callback: () => void) => undefined;

export default Taro;
