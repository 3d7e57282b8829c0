export default definePageConfig({ navigationBarTitleText: '公共法律服务评价' });
