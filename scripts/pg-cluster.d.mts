/** Types of ./pg-cluster.mjs (plain JavaScript so that the .mjs test runners use it without a build). */

export interface Cluster {
  /** postgresql://postgres@127.0.0.1:<port>/postgres (superuser, trust authentication, loopback only). */
  readonly url: string;
  readonly port: number;
  /** The temp folder holding the data directory, the log and the socket; removed by stop(). */
  readonly dir: string;
  /** `postgres --version`, e.g. "postgres (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)". */
  readonly version: string;
  /** Seconds from the start of initdb to a server accepting connections. */
  readonly seconds: number;
  /** Fast shutdown, then the folder is removed. Synchronous and idempotent; also runs at exit and on SIGINT/SIGTERM. */
  stop(): void;
}

export interface ClusterOptions {
  /** Server parameters, passed as `-c name=value`. */
  settings?: Record<string, string | number>;
  /** The folder with initdb, pg_ctl and postgres; findPgBin() when left out. */
  bin?: string | null;
}

/** The newest /usr/lib/postgresql/<version>/bin that has initdb (PLSR_PG_BIN overrides); null when none. */
export function findPgBin(): string | null;

/** Starts a fresh throwaway cluster; throws when PostgreSQL is not installed or a step fails. */
export function startCluster(options?: ClusterOptions): Promise<Cluster>;
