export default definePageConfig({ navigationBarTitleText: '录入验收' });
