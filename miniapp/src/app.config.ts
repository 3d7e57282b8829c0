/**
 * The resident's pages live in the main package. Staff and bureau pages will come as subpackages
 * (`staff/`, `bureau/` with `subPackages` here), so the main package stays under the 2 MB limit.
 * No `requiredPrivateInfos` and no permission scopes: the app asks for nothing it does not use.
 */
export default defineAppConfig({
  pages: ['pages/index/index', 'pages/station/index', 'pages/rate/index', 'pages/thanks/index', 'pages/mine/index', 'pages/privacy/index'],
  // H5: no sliding page transitions; on a cheap phone they cost more than they give.
  animation: false,
  window: {
    backgroundTextStyle: 'light',
    backgroundColor: '#f5f6f7',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '公共法律服务评价',
    navigationBarTextStyle: 'black',
  },
});
