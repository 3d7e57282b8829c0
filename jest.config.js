// One jest run for the whole monorepo. TypeScript is compiled by swc (type checking is `npm run typecheck`).
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2022' }, module: { type: 'commonjs' } }];

/** The mini-program's pages in jsdom, with Taro's real H5 components (see ../shared/TOOLCHAIN.md). */
const swcReact = ['@swc/jest', { ...swc[1], jsc: { ...swc[1].jsc, transform: { react: { runtime: 'automatic' } } } }];
// React 18 lives in miniapp/node_modules (the root has the React 19 that Prisma's CLI brings).
const miniappModules = '<rootDir>/miniapp/node_modules';

/** @type {import('jest').Config} */
module.exports = {
  reporters: ['default', '<rootDir>/scripts/jest-summary-reporter.js'],
  // Global, not per project (jest ignores it there). Generous: CLI tests spawn tsx on a shared machine.
  testTimeout: 60000,
  projects: [
    {
      displayName: 'shared',
      testEnvironment: 'node',
      roots: ['<rootDir>/shared'],
      transform: { '^.+\\.tsx?$': swc },
    },
    {
      displayName: 'server',
      testEnvironment: 'node',
      roots: ['<rootDir>/server', '<rootDir>/scripts'],
      transform: { '^.+\\.tsx?$': swc },
    },
    {
      displayName: 'miniapp',
      testEnvironment: 'jsdom',
      roots: ['<rootDir>/miniapp/test'],
      testMatch: ['**/*.test.tsx', '**/*.test.ts'],
      testPathIgnorePatterns: ['/e2e/', '/build/', '/support/'],
      setupFilesAfterEnv: ['<rootDir>/miniapp/test/support/setup.ts'],
      transform: { '^.+\\.(m?js|jsx|tsx?)$': swcReact },
      transformIgnorePatterns: ['/node_modules/(?!(@tarojs|@stencil|swiper|ssr-window|dom7|tslib|\\.pnpm)/)'],
      moduleNameMapper: {
        '^@tarojs/taro$': '<rootDir>/miniapp/test/support/taro.ts',
        '^@tarojs/components$': '<rootDir>/node_modules/@tarojs/components/lib/react/index.js',
        '^react$': `${miniappModules}/react`,
        '^react/(.*)$': `${miniappModules}/react/$1`,
        '^react-dom$': `${miniappModules}/react-dom`,
        '^react-dom/(.*)$': `${miniappModules}/react-dom/$1`,
        '\\.css$': '<rootDir>/miniapp/test/support/style.js',
      },
      globals: {
        API_BASE_URL: 'http://api.test',
        ENABLE_INNER_HTML: true,
        ENABLE_ADJACENT_HTML: true,
        ENABLE_SIZE_APIS: true,
        ENABLE_TEMPLATE_CONTENT: true,
        ENABLE_CLONE_NODE: true,
        ENABLE_CONTAINS: true,
        ENABLE_MUTATION_OBSERVER: true,
        DEPRECATED_ADAPTER_COMPONENT: false,
      },
    },
    {
      // The real builds: weapp (size, permissions) and H5 driven in Chromium against the real server.
      displayName: 'builds',
      testEnvironment: 'node',
      roots: ['<rootDir>/miniapp/test/e2e', '<rootDir>/miniapp/test/build'],
      transform: { '^.+\\.tsx?$': swc },
    },
  ],
};
