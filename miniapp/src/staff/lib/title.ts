/** A page's title, set when it shows: page configs land in the H5 route table every resident loads. */
import Taro from '@tarojs/taro';
import { useEffect } from 'react';

export function useTitle(title: string): void {
  useEffect(() => {
    void Taro.setNavigationBarTitle({ title });
  }, [title]);
}
