/**
 * H5 loads each page's code when the page is first opened. Once the station is on screen, this
 * fetches the code of every other page, so a connection lost after the station opened still
 * reaches the rating form, the thanks page ("已保存,联网后自动发送") and 我的评价. The mini-program
 * has every page in its main package already.
 */
type LazyRoute = { path?: string; load?: () => unknown };

let done = false;

export function prefetchPages(): void {
  if (done || process.env.TARO_ENV !== 'h5' || typeof window === 'undefined') return;
  done = true;
  // Taro's H5 router keeps each page's loader in the app config it puts on window.
  const routes = (window as unknown as { __taroAppConfig?: { routes?: LazyRoute[] } }).__taroAppConfig?.routes ?? [];
  for (const route of routes) {
    try {
      const loaded = route.load?.();
      const chunk = Array.isArray(loaded) ? (loaded[0] as Promise<unknown> | undefined) : undefined;
      // Offline already: the page loads when it is opened, as before.
      chunk?.catch(() => {
        done = false;
      });
    } catch {
      done = false;
    }
  }
}
