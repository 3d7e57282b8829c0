// Taro's preset: JSX for Preact (the builds alias react to preact/compat; unit tests render with React 18), TypeScript, and the platform transforms for weapp and H5.
module.exports = {
  presets: [['taro', { framework: 'preact', ts: true, compiler: 'webpack5' }]],
};
