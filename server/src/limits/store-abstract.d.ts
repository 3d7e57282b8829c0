/**
 * rate-limiter-flexible's base class for database stores: its types declare it, its index does not
 * export it, so store.ts takes it from the file it lives in.
 */
declare module 'rate-limiter-flexible/lib/RateLimiterStoreAbstract' {
  import type { RateLimiterStoreAbstract } from 'rate-limiter-flexible';

  const StoreAbstract: typeof RateLimiterStoreAbstract;
  export = StoreAbstract;
}
