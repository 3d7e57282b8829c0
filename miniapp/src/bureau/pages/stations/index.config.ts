export default definePageConfig({ navigationBarTitleText: '站点管理' });
