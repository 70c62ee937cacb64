// The parse worker (see parsed-source.ts): reads one file (or generates the demo's records), sends its header,
// waits for the source id, then sends its parsed batches, at most BATCHES_IN_FLIGHT ahead of the importing thread's
// acknowledgements, and the summary.
import { parentPort, workerData } from "node:worker_threads";
import { parseBatches, readHeader } from "./parse-stage.ts";
import { BATCHES_IN_FLIGHT, recordsOf, type FromWorker, type ToWorker, type ParseInput } from "./parsed-source.ts";
import { MalformedFileError } from "./readers.ts";

const port = parentPort!;
const input = workerData as ParseInput;
/** Posts a message, handing over (not copying) the memory of the COPY rows it carries. */
const post = (message: FromWorker) => port.postMessage(message, copyBuffersOf(message));
const copyBuffersOf = (message: FromWorker): ArrayBuffer[] => {
  if (message.type === "batch") return message.batch.copyRows.map((chunk) => chunk.buffer);
  if (message.type === "done") return [...message.file.rollups.daily, ...message.file.rollups.tags].map((chunk) => chunk.buffer);
  return [];
};

let acknowledged = 0;
let wake: (() => void) | null = null;
let start: (options: { sourceId: string; skipInvalid: boolean }) => void;
const started = new Promise<{ sourceId: string; skipInvalid: boolean }>((resolve) => (start = resolve));
port.on("message", (message: ToWorker) => {
  if (message.type === "start") start(message);
  else {
    acknowledged += 1;
    wake?.();
  }
});

try {
  const { records, progress } = await recordsOf(input);
  const opened = await readHeader(records);
  post({ type: "header", header: opened.header });
  if (opened.header) {
    const batches = parseBatches(opened.parser, opened.records, { ...(await started), progress });
    let sent = 0;
    for (let next = await batches.next(); ; next = await batches.next()) {
      if (next.done) {
        post({ type: "done", file: next.value });
        break;
      }
      post({ type: "batch", batch: next.value });
      sent += 1;
      while (sent - acknowledged >= BATCHES_IN_FLIGHT) await new Promise<void>((resolve) => (wake = resolve));
    }
  }
  await opened.release();
} catch (error) {
  post({ type: "error", message: (error as Error).message, line: error instanceof MalformedFileError ? error.line : null });
}
port.close();

