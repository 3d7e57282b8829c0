/** The app shell: zod without code generation (no `new Function` in mini-programs), and the retry loop. */
import { useLaunch } from '@tarojs/taro';
import type { PropsWithChildren } from 'react';
import { z } from 'zod';
import { startOutboxRetry } from './api/outbox';
import './app.css';

z.config({ jitless: true });

export default function App({ children }: PropsWithChildren) {
  useLaunch(() => startOutboxRetry());
  return children;
}
