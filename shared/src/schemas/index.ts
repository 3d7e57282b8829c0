/** Every API request and response body, one zod schema each; types are inferred from them. */
export * from './common';
export * from './auth';
export * from './stations';
export * from './station-admin';
export * from './ratings';
export * from './assessments';
export * from './health';
export * from './review';
export * from './inspections';
export * from './accounts';
export * from './audit';
export * from './registry';
export * from './worker';
export * from './appeals';
export * from './service-code';
export * from './cases';
export * from './runs';
