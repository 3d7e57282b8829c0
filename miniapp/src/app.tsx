/** The app shell: zod without code generation first, then the loop that retries waiting ratings. */
import './zod-setup';
import { useLaunch } from '@tarojs/taro';
import type { PropsWithChildren } from 'react';
import { startOutboxRetry } from './api/outbox';
import { installKeyboardPress } from './lib/a11y';
import './app.css';

export default function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    startOutboxRetry();
    installKeyboardPress();
  });
  return children;
}
