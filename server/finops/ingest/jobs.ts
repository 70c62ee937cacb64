import { randomUUID } from "node:crypto";
import { rm } from "node:fs/promises";
import type { Database } from "../../adapters/db/database.ts";
import type { EventBus } from "../../chat/event-bus.ts";
import { AppError } from "../../errors.ts";
import { ingestFile, type IngestReport } from "./ingest.ts";
import { detectFormat } from "./readers.ts";

export interface IngestJob {
  id: string;
  fileName: string;
  sizeBytes: number;
  userId: string;
  status: "running" | "imported" | "rejected" | "failed";
  rowsRead: number;
  rowsImported: number;
  rowsSkipped: number;
  /** Estimated from the first megabyte of an uncompressed CSV; null when it cannot be estimated. */
  /** How far through the file the import is (0..1: bytes for CSV, rows for Parquet); null before it starts. */
  fraction: number | null;
  rowsPerSecond: number;
  report: IngestReport | null;
  error: string | null;
  startedAt: Date;
  finishedAt: Date | null;
}

const topic = (jobId: string) => `ingest:${jobId}`;
const PROGRESS_EVERY_MS = 200;
const KEEP_FINISHED_MS = 60 * 60_000;

/**
 * Uploaded files being imported, with live progress on the event bus (ingest.onProgress). Each import is one
 * transaction (see ingest.ts); after a successful import `afterImport` runs (the recommendation generator).
 */
export class IngestJobs {
  private readonly jobs = new Map<string, IngestJob>();

  constructor(private readonly deps: { db: Database; bus: EventBus; afterImport?: () => Promise<unknown> }) {}

  /** Starts importing a file already on disk (it is deleted afterwards). */
  async start(input: { filePath: string; fileName: string; sizeBytes: number; skipInvalid: boolean; userId: string }): Promise<IngestJob> {
    const job: IngestJob = {
      id: randomUUID(),
      fileName: input.fileName,
      sizeBytes: input.sizeBytes,
      userId: input.userId,
      status: "running",
      rowsRead: 0,
      rowsImported: 0,
      rowsSkipped: 0,
      fraction: null,
      rowsPerSecond: 0,
      report: null,
      error: null,
      startedAt: new Date(),
      finishedAt: null,
    };
    this.jobs.set(job.id, job);
    void this.run(job, input).finally(() => rm(input.filePath, { force: true }).catch(() => undefined));
    return { ...job };
  }

  get(jobId: string, userId: string): IngestJob {
    const job = this.jobs.get(jobId);
    if (!job || job.userId !== userId) throw new AppError("not_found:ingest", "That upload does not exist.");
    return { ...job };
  }

  /** The job's state now, then every change until it finishes. */
  async *watch(jobId: string, userId: string, signal: AbortSignal): AsyncGenerator<IngestJob> {
    const live = this.deps.bus.subscribe<IngestJob>(topic(jobId), signal)[Symbol.asyncIterator]();
    const current = this.get(jobId, userId);
    yield current;
    if (current.status !== "running") return;
    while (!signal.aborted) {
      const next = await live.next();
      if (next.done) return;
      yield next.value;
      if (next.value.status !== "running") return;
    }
  }

  private async run(job: IngestJob, input: { filePath: string; fileName: string; sizeBytes: number; skipInvalid: boolean; userId: string }) {
    const publish = () => this.deps.bus.publish(topic(job.id), { ...job });
    let lastPublished = 0;
    try {
      const format = await detectFormat(input.filePath);
      const started = performance.now();
      job.report = await ingestFile(this.deps.db, input.filePath, {
        sourceName: input.fileName,
        format,
        skipInvalid: input.skipInvalid,
        importedBy: input.userId,
        onProgress: (p) => {
          Object.assign(job, p);
          job.rowsPerSecond = Math.round(p.rowsRead / Math.max(0.001, (performance.now() - started) / 1000));
          if (performance.now() - lastPublished >= PROGRESS_EVERY_MS) {
            lastPublished = performance.now();
            void publish();
          }
        },
      });
      Object.assign(job, {
        status: job.report.status,
        rowsRead: job.report.rowsRead,
        rowsImported: job.report.rowsImported,
        rowsSkipped: job.report.rowsSkipped,
      });
      if (job.report.status === "imported") await this.deps.afterImport?.();
    } catch (error) {
      job.status = "failed";
      job.error = error instanceof Error ? error.message : String(error);
    } finally {
      job.finishedAt = new Date();
      await publish();
      setTimeout(() => this.jobs.delete(job.id), KEEP_FINISHED_MS).unref();
    }
  }
}

/** Rows in a CSV estimated from the line length of its first megabyte (header excluded). */
