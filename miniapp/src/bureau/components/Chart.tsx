/**
 * One chart, drawn by ECharts: in a browser on a box of the page, in WeChat on a `<canvas type="2d">`
 * (its node wrapped as ECharts expects a canvas, as Apache's echarts-for-weixin does). The box is an
 * image for screen readers, named by a sentence that says what the chart shows, so no figure is only
 * in the picture.
 */
import Taro from '@tarojs/taro';
import { Canvas, View } from '@tarojs/components';
import { useEffect, useRef } from 'react';
import { roleOf } from '../../lib/a11y';
import { echarts, type ChartOption } from '../lib/echarts';

type Chart = ReturnType<typeof echarts.init>;

/** What ECharts needs of a canvas, made of a WeChat canvas 2d node (after echarts-for-weixin's wx-canvas.js). */
class WxCanvas {
  constructor(
    private readonly node: { width: number; height: number; getContext: (type: '2d') => unknown },
    private readonly ctx: unknown,
  ) {}
  getContext(type: string) {
    return type === '2d' ? this.ctx : null;
  }
  get width() {
    return this.node.width;
  }
  set width(w: number) {
    this.node.width = w;
  }
  get height() {
    return this.node.height;
  }
  set height(h: number) {
    this.node.height = h;
  }
  addEventListener() {}
  removeEventListener() {}
  attachEvent() {}
  detachEvent() {}
  setChart() {}
}

export function EChart({ id, label, option, height = 320 }: { id: string; label: string; option: ChartOption; height?: number }) {
  const chart = useRef<Chart>();
  const latest = useRef(option);

  useEffect(() => {
    let disposed = false;
    if (process.env.TARO_ENV === 'h5') {
      const box = document.getElementById(id);
      if (!box) return undefined;
      const made = echarts.init(box, undefined, { renderer: 'canvas' });
      made.setOption(latest.current, true);
      chart.current = made;
      const resize = () => made.resize();
      window.addEventListener('resize', resize);
      return () => {
        window.removeEventListener('resize', resize);
        made.dispose();
        chart.current = undefined;
      };
    }
    Taro.createSelectorQuery()
      .select(`#${id}`)
      .fields({ node: true, size: true })
      .exec((res: { node: { width: number; height: number; getContext: (type: '2d') => unknown }; width: number; height: number }[]) => {
        const found = res[0];
        if (disposed || !found?.node) return;
        const dpr = Taro.getSystemInfoSync().pixelRatio;
        found.node.width = found.width * dpr;
        found.node.height = found.height * dpr;
        const canvas = new WxCanvas(found.node, found.node.getContext('2d'));
        echarts.setPlatformAPI({ createCanvas: () => canvas as unknown as HTMLCanvasElement });
        const made = echarts.init(canvas as unknown as HTMLElement, undefined, { width: found.width, height: found.height, devicePixelRatio: dpr });
        made.setOption(latest.current, true);
        chart.current = made;
      });
    return () => {
      disposed = true;
      chart.current?.dispose();
      chart.current = undefined;
    };
  }, [id]);

  useEffect(() => {
    // A chart not made yet (WeChat measures its canvas first) takes the latest option when it is.
    latest.current = option;
    chart.current?.setOption(option, true);
  }, [option]);

  return process.env.TARO_ENV === 'h5' ? (
    <View id={id} className="chart" style={{ height: `${height}px` }} {...roleOf('img')} aria-label={label} />
  ) : (
    <View className="chart" {...roleOf('img')} aria-label={label}>
      <Canvas type="2d" id={id} canvasId={id} style={{ width: '100%', height: `${height}px` }} />
    </View>
  );
}
