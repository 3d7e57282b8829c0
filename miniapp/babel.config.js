// Taro's preset: React, TypeScript, and the platform transforms for weapp and H5.
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
};
