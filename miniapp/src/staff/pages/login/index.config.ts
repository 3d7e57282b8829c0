export default definePageConfig({ navigationBarTitleText: '服务人员登录' });
