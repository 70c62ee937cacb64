// Where an import's records are parsed. A file is read and parsed in a worker thread while the importing thread
// forwards the COPY text to the database: on embedded PGlite the database runs on the importing thread too, so
// parsing there took turns with storing (a 200k-row file: ~5 s of parsing and ~7 s of COPY, one after the other).
// The demo generator runs in the worker too. PostgreSQL stores rows in its own process, so there (and for records
// already in memory) parsing stays on the importing thread: see parseFor.
import { Worker } from "node:worker_threads";
import type { DatabaseKind } from "../../adapters/db/database.ts";
import { generateDemoDataset } from "../demo/generator.ts";
import { planDemoWorld, type DemoOptions } from "../demo/world.ts";
import type { RawRecord } from "../focus/parse.ts";
import { parseBatches, readHeader, type ParsedBatch, type ParsedFile, type RecordHeader } from "./parse-stage.ts";
import { MalformedFileError, readRecords, type FileFormat } from "./readers.ts";

export interface ParsedSource {
  /** null: there are no data records. */
  header: RecordHeader | null;
  /** Parses every record; call once, after the header. */
  batches(options: { sourceId: string; skipInvalid: boolean }): AsyncGenerator<ParsedBatch, ParsedFile>;
  /** Stops parsing and frees what it holds (the worker); safe to call more than once. */
  close(): Promise<void>;
}

/** Parses records held in memory, in this thread. */
export async function parseHere(records: AsyncIterable<RawRecord>, progress?: () => number): Promise<ParsedSource> {
  const opened = await readHeader(records);
  return {
    header: opened.header,
    batches(options) {
      if (!opened.header) throw new Error("there are no records to parse");
      return parseBatches(opened.parser, opened.records, { ...options, progress });
    },
    close: opened.release,
  };
}

/** What an import reads: a file, or the demo generator's records. */
export type ParseInput = { kind: "file"; filePath: string; format: FileFormat } | { kind: "demo"; options: DemoOptions };

/** The records of an input, with how far through them the reader is when it knows. */
export async function recordsOf(input: ParseInput): Promise<{ records: AsyncIterable<RawRecord>; progress?: () => number }> {
  if (input.kind === "demo") return { records: generateDemoDataset(planDemoWorld(input.options)) };
  const file = await readRecords(input.filePath, input.format);
  return { records: file, progress: file.progress };
}

/**
 * Parses an input where it suits the database: in a worker thread for embedded PGlite, which stores rows on this
 * thread; here for PostgreSQL, which stores them in its own process, and where a worker only added the cost of
 * handing the text over (measured ~0.5 s slower per 200k rows).
 */
export async function parseFor(database: DatabaseKind, input: ParseInput): Promise<ParsedSource> {
  if (database === "pglite") return parseInWorker(input);
  const { records, progress } = await recordsOf(input);
  return parseHere(records, progress);
}

/** Messages between the importing thread and the parse worker (parse-worker.ts). */
export type ToWorker = { type: "start"; sourceId: string; skipInvalid: boolean } | { type: "ack" };
export type FromWorker =
  | { type: "header"; header: RecordHeader | null }
  | { type: "batch"; batch: ParsedBatch }
  | { type: "done"; file: ParsedFile }
  | { type: "error"; message: string; line: number | null };
/** Batches the worker may be ahead of the database by (~4 MB of COPY text each): memory stays bounded. */
export const BATCHES_IN_FLIGHT = 4;

// tsx compiles the worker's TypeScript, as it does the rest of the server; a worker thread needs its own hooks.
const TSX_API = import.meta.resolve("tsx/esm/api");
const WORKER_URL = new URL("./parse-worker.ts", import.meta.url).href;
const BOOT = `import(${JSON.stringify(TSX_API)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(WORKER_URL)}); });`;

/** Starts the parse worker; it speaks the ToWorker / FromWorker protocol. */
export function startParseWorker(input: ParseInput): Worker {
  return new Worker(BOOT, { eval: true, workerData: input });
}

/** Reads and parses a file, or generates and parses the demo's records, in a worker thread. */
export async function parseInWorker(input: ParseInput): Promise<ParsedSource> {
  const worker = startParseWorker(input);
  const inbox = messagesOf(worker);
  const send = (message: ToWorker) => worker.postMessage(message);
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await worker.terminate();
  };
  try {
    const first = await inbox.next();
    if (first.type !== "header") throw new Error(`parse worker: expected the header, got ${first.type}`);
    return {
      header: first.header,
      async *batches(options) {
        send({ type: "start", ...options });
        for (;;) {
          const message = await inbox.next();
          if (message.type === "done") return message.file;
          if (message.type !== "batch") throw new Error(`parse worker: unexpected ${message.type}`);
          yield message.batch;
          send({ type: "ack" });
        }
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The worker's messages in order; its errors (reported or thrown) and an early exit become exceptions. */
function messagesOf(worker: Worker): { next(): Promise<Exclude<FromWorker, { type: "error" }>> } {
  const queue: FromWorker[] = [];
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const notify = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  worker.on("message", (message: FromWorker) => {
    queue.push(message);
    notify();
  });
  worker.on("error", (error) => {
    failure ??= error;
    notify();
  });
  worker.on("exit", (code) => {
    failure ??= new Error(`parse worker exited (code ${code})`);
    notify();
  });
  return {
    async next() {
      for (;;) {
        const message = queue.shift();
        if (message?.type === "error") {
          throw message.line === null ? new Error(message.message) : new MalformedFileError(message.message, message.line);
        }
        if (message) return message;
        if (failure) throw failure;
        await new Promise<void>((resolve) => (wake = resolve));
      }
    },
  };
}
