/**
 * Stands in for jsonp-retry in Taro's H5 request: the app never asks for JSONP (its API is on the
 * same origin), so the request that would need it fails loudly instead of loading 6 KB for it.
 */
module.exports = function noJsonp() {
  return Promise.reject(new Error('JSONP requests are not supported by this app'));
};
