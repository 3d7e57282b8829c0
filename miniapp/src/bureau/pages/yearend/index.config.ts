export default definePageConfig({ navigationBarTitleText: '年终考核' });
