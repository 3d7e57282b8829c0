/**
 * Stands in for the polyfills Taro's H5 request imports (whatwg-fetch, abortcontroller-polyfill):
 * every browser in package.json's browserslist has fetch and AbortController, and the 25 KB they
 * weigh were a sixth of the first page's script on a slow rural connection.
 */
