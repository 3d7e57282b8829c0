export default definePageConfig({ navigationBarTitleText: '人员与派驻' });
