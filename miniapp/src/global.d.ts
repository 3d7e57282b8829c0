/// <reference types="@tarojs/taro" />
declare module '*.css';

/** Injected by config/index.ts (defineConstants). '' means the page's own origin (H5). */
declare const API_BASE_URL: string;

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV?: 'weapp' | 'h5' | 'swan' | 'alipay' | 'tt' | 'qq' | 'jd' | 'harmony' | 'rn';
  }
}
