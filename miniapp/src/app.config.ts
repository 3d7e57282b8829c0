/**
 * The resident's pages live in the main package. The bureau console is the subpackage `bureau/`;
 * the workers' pages are the subpackage `staff/`. The main package stays under the 2 MB limit.
 * No `requiredPrivateInfos` and no permission scopes: the app asks for nothing it does not use.
 */
export default defineAppConfig({
  pages: ['pages/index/index', 'pages/station/index', 'pages/rate/index', 'pages/thanks/index', 'pages/mine/index', 'pages/privacy/index'],
  subPackages: [
    {
      // The bureau console (issue 11): login, year-end, inspections, stations, staff and postings, registry in Excel, accounts, audit log. Its code and styles stay here.
      root: 'bureau',
      pages: [
        'pages/login/index',
        'pages/password/index',
        'pages/yearend/index',
        'pages/dashboard/index',
        'pages/inspections/index',
        'pages/inspection/index',
        'pages/appeals/index',
        'pages/cases/index',
        'pages/review/index',
        'pages/policy/index',
        'pages/stations/index',
        'pages/staff/index',
        'pages/registry/index',
        'pages/accounts/index',
        'pages/audit/index',
      ],
    },
    {
      // The workers' pages (issue 12): their login (WeChat bound with a binding code, or a password in H5), their ratings and their stations.
      root: 'staff',
      pages: ['pages/login/index', 'pages/ratings/index', 'pages/stations/index'],
    },
  ],
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
