/** The API contract: one declaration per endpoint (see define.ts). */
export * from './define';
export * from './routes';
export * from './resident';
export * from './console';
export * from './worker';
export * from './service-code';
export * from './follow-up';
