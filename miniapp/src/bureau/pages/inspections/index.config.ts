export default definePageConfig({ navigationBarTitleText: '验收录入' });
