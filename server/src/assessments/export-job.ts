/**
 * One answer of the year-end route as a file: who asks, for which year, region, format and table, at
 * which time; and the bytes it answers with. The route runs it inline, or hands it to a worker thread
 * (export-pool.ts) that runs this same code, so both give the same bytes. Everything in a job is plain
 * data that crosses a thread; the time is the request's, so a fixed test clock gives the same file.
 */
import type { AssessmentFormat } from '@plsr/shared/vocabulary';
import type { BureauUser } from '../auth/guards';
import type { Db } from '../db/client';
import { assessmentCsv, assessmentFilename, assessmentXlsx, EXPORT_CONTENT_TYPES, type AssessmentTable } from './export';
import { runAssessment } from './runs';
import { assess } from './service';

export interface ExportJob {
  user: BureauUser;
  year: number;
  region: string;
  format: AssessmentFormat;
  table: AssessmentTable;
  /** ISO time of the request: the year check and `generatedAt` read it. */
  now: string;
  /** A published revision's frozen result instead of the year-end computed now (its year is the run's). */
  runId?: number;
}

export interface ExportFile {
  type: string;
  /** The download's name (CSV, xlsx); null for JSON. */
  filename: string | null;
  body: Buffer;
}

/** The whole year-end answer: the database reads, the scoring and the file (JSON text, CSV or xlsx). */
export async function runExportJob(db: Db, job: ExportJob): Promise<ExportFile> {
  const now = new Date(job.now);
  const a = job.runId === undefined ? await assess({ db, now: () => now }, job.user, job.year, job.region) : await runAssessment(db, job.runId, job.region);
  switch (job.format) {
    case 'json':
      return { type: 'application/json', filename: null, body: Buffer.from(JSON.stringify(a)) };
    case 'csv':
      return { type: EXPORT_CONTENT_TYPES.csv, filename: assessmentFilename(a, 'csv', job.table), body: Buffer.from(assessmentCsv(a, job.table)) };
    case 'xlsx':
      return { type: EXPORT_CONTENT_TYPES.xlsx, filename: assessmentFilename(a, 'xlsx'), body: await assessmentXlsx(a) };
  }
}
