/** What the other workspaces (scripts) use from the server package. */
export * from './db/client';
export * from './db/migrate';
export { ConfigError, loadConfig, type Config } from './config';
export { hashPassword, passwordProblem, verifyPassword } from './auth/passwords';
export { listProvinces, readProvinceDivisions, type Division } from './registry/china-division';
export * from './registry/divisions';
export * from './registry/demo';
export * from './registry/users';
export { closeOnSignals, createLogger, startServer, wechatClientFor, type RunningServer } from './server';
export { assess } from './assessments/service';
export { scanRatings } from './review/scan';
// For the benchmark's query plans: the statements the hot paths send.
export { findSession, sessionsLookupPostgres } from './auth/repository';
export { newRatingInsert, newRatingsInsertPostgres } from './ratings/repository';
export { viewStation } from './stations/service';
export { assessmentCsv, assessmentXlsx } from './assessments/export';
export { AppError } from './http/errors';
export { openApiDocument } from './system/openapi';
export { rebuildRatingCounts } from './ratings/counts';
export { mulberry32, type Random } from './registry/demo-random';
export { openCases } from './cases/open';
