process.env.TARO_ENV = 'h5';
import '@testing-library/jest-dom';
import { cleanup } from '@testing-library/react';
import { taroMock } from './taro';

afterEach(() => {
  cleanup();
  taroMock.reset();
});
