/**
 * Taro build configuration for both targets: `taro build --type weapp` writes `dist/` (the
 * mini-program WeChat DevTools opens through the root project.config.json) and
 * `taro build --type h5` writes `dist-h5/` (served by the Koa server at `/`).
 */
import path from 'node:path';
import { defineConfig } from '@tarojs/cli';

/** The shared workspace is consumed as TypeScript source, so Taro must compile it too. */
const sharedSource = path.resolve(__dirname, '../../shared/src');

/**
 * React 18 and the Taro packages that need it live in miniapp/node_modules: the root holds the
 * React 19 that Prisma's CLI brings. Looking here first gives every module, hoisted Taro runtime
 * included, the same single React.
 */
const ownModules = path.resolve(__dirname, '../node_modules');
type Chain = { resolve: { modules: { clear: () => { merge: (dirs: string[]) => unknown } } } };
const preferOwnModules = (chain: Chain) => {
  chain.resolve.modules.clear().merge([ownModules, 'node_modules']);
};

/** H5 only: what the browsers we support already have, or what the app never uses, is not shipped. */
type H5Chain = Chain & { resolve: { alias: { set: (name: string, target: string) => unknown } } };
const dropUnusedInBrowser = (chain: H5Chain) => {
  preferOwnModules(chain);
  const none = path.resolve(__dirname, 'no-polyfill.js');
  chain.resolve.alias.set('whatwg-fetch$', none);
  chain.resolve.alias.set('abortcontroller-polyfill/dist/abortcontroller-polyfill-only$', none);
  chain.resolve.alias.set('jsonp-retry$', path.resolve(__dirname, 'no-jsonp.js'));
  // zod's JSON Schema conversion, which the app never calls (see no-json-schema.js): matched by the
  // modules' resolved paths, since zod imports them by relative path.
  const zodCore = path.dirname(require.resolve('zod/v4/core', { paths: [__dirname] }));
  for (const file of ['json-schema-processors.js', 'to-json-schema.js']) {
    chain.resolve.alias.set(path.join(zodCore, file), path.resolve(__dirname, 'no-json-schema.js'));
  }
};

/**
 * Where the app finds the API. H5 is served by the API server itself, so it uses its own origin.
 * The mini-program needs an absolute https URL registered as a request domain in the WeChat
 * console; set TARO_APP_API_BASE_URL when building it (DevTools with 不校验合法域名 can use a LAN address).
 */
function apiBaseUrl(): string {
  if (process.env.TARO_APP_API_BASE_URL) return process.env.TARO_APP_API_BASE_URL;
  return process.env.TARO_ENV === 'h5' ? '' : 'http://127.0.0.1:3000';
}

export default defineConfig<'webpack5'>(() => ({
  projectName: 'plsr-miniapp',
  date: '2026-11-25',
  designWidth: 750,
  deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
  sourceRoot: 'src',
  outputRoot: process.env.TARO_ENV === 'h5' ? 'dist-h5' : 'dist',
  plugins: [path.resolve(__dirname, 'aria-plugin.ts')],
  defineConstants: { API_BASE_URL: JSON.stringify(apiBaseUrl()) },
  framework: 'preact',
  compiler: 'webpack5',
  cache: { enable: false },
  logger: { quiet: true, stats: false },
  mini: {
    compile: { include: [sharedSource] },
    postcss: { pxtransform: { enable: true, config: {} } },
    optimizeMainPackage: { enable: true },
    webpackChain: preferOwnModules,
  },
  h5: {
    publicPath: '/',
    staticDirectory: 'static',
    compile: { include: [sharedSource] },
    router: { mode: 'hash' },
    output: { filename: 'js/[name].[contenthash:8].js', chunkFilename: 'js/[name].[contenthash:8].js' },
    miniCssExtractPluginOption: {
      ignoreOrder: true,
      filename: 'css/[name].[contenthash:8].css',
      chunkFilename: 'css/[name].[contenthash:8].css',
    },
    postcss: { autoprefixer: { enable: true, config: {} } },
    webpackChain: dropUnusedInBrowser,
  },
}));
