// One jest run for the whole monorepo. TypeScript is compiled by swc (type checking is `npm run typecheck`).
const swc = [
  '@swc/jest',
  { jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2022' }, module: { type: 'commonjs' } },
];

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
  ],
};
