/**
 * What the export pool and its worker threads say to each other. Messages are structured clones
 * (plain data), so an error crosses as its parts: an AppError is rebuilt with the same code, message
 * and details (the person gets the same answer as inline); anything else keeps the worker's stack for
 * the log of its 500.
 */
import type { ErrorCode } from '@plsr/shared/schemas';
import { AppError, type ErrorDetail } from '../http/errors';
import type { ExportJob } from './export-job';

/** Given to each worker once, at its start. */
export interface WorkerSetup {
  databaseUrl: string;
}

/** `crash` comes only from the pool's test hook, never from a request: the worker exits as if it had crashed. */
export type WorkerRequest = { kind: 'job'; id: number; job: ExportJob; crash?: true } | { kind: 'close' };

export type WorkerReply = { id: number; ok: true; type: string; filename: string | null; bytes: ArrayBuffer } | { id: number; ok: false; error: WireError };

/** An AppError, rebuilt as one on the other side. */
interface WireAppError {
  app: true;
  code: ErrorCode;
  message: string;
  details?: ErrorDetail[];
}
/** Anything else: logged with the worker's stack, answered as a 500. */
interface WireOtherError {
  app: false;
  name: string;
  message: string;
  stack?: string;
}
export type WireError = WireAppError | WireOtherError;

export function errorToWire(thrown: unknown): WireError {
  if (thrown instanceof AppError) {
    return { app: true, code: thrown.code, message: thrown.message, ...(thrown.details ? { details: thrown.details } : {}) };
  }
  if (thrown instanceof Error) return { app: false, name: thrown.name, message: thrown.message, stack: thrown.stack };
  return { app: false, name: 'Error', message: String(thrown) };
}

export function errorFromWire(wire: WireError): Error {
  if (wire.app) return new AppError(wire.code, wire.message, wire.details);
  const error = new Error(wire.message);
  error.name = wire.name;
  if (wire.stack) error.stack = wire.stack;
  return error;
}
