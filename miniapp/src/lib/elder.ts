/**
 * 大字模式 (elder mode, after MIIT's 适老化 rules for apps): body text of 24 CSS px or more, bigger
 * stars and buttons, one question per screen. On when the person turns it on, or, until they choose,
 * when the phone's own text is set large (WeChat's 字体大小, or the browser's default font size).
 * The choice is kept on the phone and shared by every page.
 */
import { useEffect, useState } from 'react';
import { z } from 'zod';
import { STORAGE_KEYS, readStored, writeStored } from './storage';

/** WeChat's standard text is 16–17 px; from 20 px (about 125 %) a person has asked for large text. */
const LARGE_WECHAT_FONT_PX = 20;
/** A browser's standard text is 16 px; 20 px is its 125 % setting. */
const LARGE_BROWSER_FONT_PX = 20;

/** Whether the phone asks for large text. */
export function phoneTextIsLarge(): boolean {
  try {
    if (process.env.TARO_ENV === 'h5') {
      const probe = document.createElement('div');
      probe.style.fontSize = 'medium';
      document.body.appendChild(probe);
      const px = parseFloat(getComputedStyle(probe).fontSize);
      probe.remove();
      return px >= LARGE_BROWSER_FONT_PX;
    }
    // wx directly, not Taro.getSystemInfoSync: in H5 that would bring a 42 KB user-agent parser into every page.
    const wx = (globalThis as { wx?: { getAppBaseInfo?: () => { fontSizeSetting?: number } } }).wx;
    return (wx?.getAppBaseInfo?.().fontSizeSetting ?? 0) >= LARGE_WECHAT_FONT_PX;
  } catch {
    return false;
  }
}

let current: boolean | undefined;
const listeners = new Set<(on: boolean) => void>();

export function elderMode(): boolean {
  current ??= readStored(STORAGE_KEYS.elder, z.boolean()) ?? phoneTextIsLarge();
  return current;
}

export function setElderMode(on: boolean): void {
  current = on;
  writeStored(STORAGE_KEYS.elder, on);
  listeners.forEach((listener) => listener(on));
}

/** Elder mode as page state: every page that shows it follows a switch made on any other. */
export function useElderMode(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(elderMode);
  useEffect(() => {
    listeners.add(setOn);
    return () => void listeners.delete(setOn);
  }, []);
  return [on, setElderMode];
}

/** The class of a page's root: `page`, and `page--elder` in elder mode. */
export function pageClass(elder: boolean, extra = ''): string {
  return `page${elder ? ' page--elder' : ''}${extra ? ` ${extra}` : ''}`;
}
