/** Files for a signed-in clerk (lib/download.ts with the bureau's session), and the clipboard. */
import Taro from '@tarojs/taro';
import { ApiError } from '../../api/http';
import { downloadWithToken } from '../../lib/download';
import { bureauSession, BUREAU_PAGES, forgetBureauSession } from './session';

export { copyText } from '../../lib/download';

export async function downloadFile(path: string, fallbackName: string): Promise<void> {
  const session = bureauSession();
  if (!session) {
    void Taro.reLaunch({ url: BUREAU_PAGES.login });
    throw new ApiError('server', '请先登录', 401, 'unauthorized');
  }
  await downloadWithToken(path, fallbackName, session.token, forgetBureauSession);
}
