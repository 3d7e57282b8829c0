export default definePageConfig({ navigationBarTitleText: '我的站点' });
