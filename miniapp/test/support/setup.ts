process.env.TARO_ENV = 'h5';
import '@testing-library/jest-dom';
import { cleanup } from '@testing-library/react';
import { taroMock } from './taro';

afterEach(() => {
  cleanup();
  taroMock.reset();
});

/*
 * Taro's H5 components are Stencil web components. In jsdom their watchers run without the inner
 * elements they render in a browser, and they log a TypeError from inside @tarojs/components.
 * That is the test environment, not the app: those errors, and only those, are dropped.
 */
const consoleError = console.error;
console.error = (...args: unknown[]) => {
  const first = args[0];
  if (first instanceof Error && /@tarojs\/components\/dist\/components\/taro-/.test(first.stack ?? '')) return;
  consoleError(...args);
};
