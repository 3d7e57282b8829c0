// The WeChat accessibility attributes (aria-role, aria-label, aria-checked) that Taro's weapp
// templates leave out. Read by the build plugin (templates) and by the runtime (attribute names).
module.exports = {
  View: { 'aria-role': '', 'aria-label': '', 'aria-checked': '', 'aria-hidden': '' },
  Text: { 'aria-role': '', 'aria-label': '', 'aria-hidden': '' },
};
