/**
 * A file the server makes for a signed-in account (a clerk's year-end xlsx or CSV, registry and
 * posters; a worker's poster). In a browser it is fetched with the token and saved as a normal
 * download under the server's file name; in WeChat it is downloaded to the phone and opened
 * (wx.downloadFile + wx.openDocument, 转发 and 保存 from the document's menu). Used by the subpackages.
 */
import Taro from '@tarojs/taro';
import { ApiError, NETWORK_MESSAGE } from '../api/http';

function fileNameOf(disposition: string | null, fallback: string): string {
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '');
  if (star?.[1]) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(disposition ?? '');
  return plain?.[1] ?? fallback;
}

async function messageOf(status: number, text: string): Promise<string> {
  try {
    return (JSON.parse(text) as { message?: string }).message ?? `下载失败(${status})`;
  } catch {
    return `下载失败(${status})`;
  }
}

/** `token` signs the request; `onUnauthorized` forgets a session the server no longer knows. */
export async function downloadWithToken(path: string, fallbackName: string, token: string, onUnauthorized: () => void): Promise<void> {
  const header = { Authorization: `Bearer ${token}` };
  // One branch per build: the other is dropped at compile time (Taro's H5 API module is shared with
  // the resident's pages, and every API used here would be carried there too).
  if (process.env.TARO_ENV === 'h5') await saveInBrowser(path, header, fallbackName, onUnauthorized);
  else await openInWechat(path, header, fallbackName);
}

async function saveInBrowser(path: string, header: Record<string, string>, fallbackName: string, onUnauthorized: () => void): Promise<void> {
  let response: Response;
  try {
    response = await fetch(`${API_BASE_URL}${path}`, { headers: header });
  } catch {
    throw new ApiError('network', NETWORK_MESSAGE);
  }
  if (response.status === 401) onUnauthorized();
  if (!response.ok) throw new ApiError('server', await messageOf(response.status, await response.text()), response.status);
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = fileNameOf(response.headers.get('content-disposition'), fallbackName);
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

async function openInWechat(path: string, header: Record<string, string>, fallbackName: string): Promise<void> {
  let result: Taro.downloadFile.FileSuccessCallbackResult;
  try {
    result = await Taro.downloadFile({ url: `${API_BASE_URL}${path}`, header });
  } catch {
    throw new ApiError('network', NETWORK_MESSAGE);
  }
  if (result.statusCode !== 200) throw new ApiError('server', `下载失败(${result.statusCode})`, result.statusCode);
  // openDocument knows xlsx and pdf by name; a CSV is opened without a type.
  const fileType = (['xlsx', 'pdf'] as const).find((t) => fallbackName.endsWith(`.${t}`));
  await Taro.openDocument({ filePath: result.tempFilePath, ...(fileType ? { fileType } : {}), showMenu: true });
}

/** Puts text on the clipboard (the bulletin sentence): the browser's own clipboard in H5. */
export async function copyText(text: string): Promise<void> {
  if (process.env.TARO_ENV === 'h5') await navigator.clipboard.writeText(text);
  else await Taro.setClipboardData({ data: text });
}
