/**
 * Lets screen readers in the mini-program read the stars and choices: WeChat supports aria-*
 * attributes on every component, but Taro's weapp templates do not carry them. This adds them
 * to the View and Text templates at build time and tells the runtime about them (the few lines of
 * @tarojs/plugin-inject we need; that plugin has no 4.2.1 release to pin with the rest of Taro).
 */
import path from 'node:path';
import type { IPluginContext } from '@tarojs/service';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const ARIA_ATTRIBUTES: Record<string, Record<string, string>> = require('./aria-attributes.js');

interface MiniPlatform {
  template?: { mergeComponents: (ctx: IPluginContext, patch: Record<string, Record<string, string>>) => void };
  runtimePath: string | string[];
}

export default (ctx: IPluginContext) => {
  ctx.registerMethod({
    name: 'onSetupClose',
    fn(platform: MiniPlatform) {
      if (!platform.template) return;
      platform.template.mergeComponents(ctx, ARIA_ATTRIBUTES);
      const runtime = path.resolve(__dirname, 'aria-runtime.js');
      platform.runtimePath = [...[platform.runtimePath].flat(), runtime];
    },
  });
};
