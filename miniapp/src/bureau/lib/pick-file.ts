/**
 * Picking an Excel file to import, as base64: a file chooser in a browser; in WeChat a file from a
 * chat (wx.chooseMessageFile: where a clerk's phone keeps the files colleagues send), read from the
 * phone's storage. Resolves undefined when the person cancels.
 */
import Taro from '@tarojs/taro';

export interface PickedFile {
  name: string;
  base64: string;
}

function pickInBrowser(): Promise<PickedFile | undefined> {
  return new Promise((resolve, reject) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    input.style.display = 'none';
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      input.remove();
      if (!file) return resolve(undefined);
      const reader = new FileReader();
      reader.onload = () => resolve({ name: file.name, base64: String(reader.result).replace(/^data:[^,]*,/, '') });
      reader.onerror = () => reject(new Error('无法读取所选文件'));
      reader.readAsDataURL(file);
    });
    input.addEventListener('cancel', () => {
      input.remove();
      resolve(undefined);
    });
    document.body.appendChild(input);
    input.click();
  });
}

async function pickInWechat(): Promise<PickedFile | undefined> {
  let chosen: Taro.chooseMessageFile.SuccessCallbackResult;
  try {
    chosen = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['xlsx'] });
  } catch {
    return undefined; // cancelled
  }
  const file = chosen.tempFiles[0];
  if (!file) return undefined;
  const base64 = await new Promise<string>((resolve, reject) =>
    Taro.getFileSystemManager().readFile({
      filePath: file.path,
      encoding: 'base64',
      success: (r) => resolve(String(r.data)),
      fail: () => reject(new Error('无法读取所选文件')),
    }),
  );
  return { name: file.name, base64 };
}

export function pickExcelFile(): Promise<PickedFile | undefined> {
  return process.env.TARO_ENV === 'h5' ? pickInBrowser() : pickInWechat();
}
