import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generateDemoDataset } from "../demo/generator.ts";
import { planDemoWorld } from "../demo/world.ts";
import { FOCUS_12, fixture, gzipFixture, parquetFixture, tempDir } from "./fixtures/fixtures.ts";
import { BATCH_ROWS, type ParsedBatch } from "./parse-stage.ts";
import {
  BATCHES_IN_FLIGHT,
  parseHere,
  parseInWorker,
  startParseWorker,
  type FromWorker,
  type ParsedSource,
  type ToWorker,
} from "./parsed-source.ts";
import { detectFormat, MalformedFileError, readRecords } from "./readers.ts";

const SOURCE_ID = "00000000-0000-4000-8000-000000000001";

/** COPY chunks joined: compared whole, wherever the chunks end. */
const bytesOf = (chunks: Uint8Array[]) => Buffer.concat(chunks).toString("base64");

/** Everything a source yields, its COPY chunks joined. */
async function drain(source: ParsedSource, skipInvalid = false) {
  const batches: (Omit<ParsedBatch, "copyRows"> & { copyRows: string })[] = [];
  try {
    const iterator = source.batches({ sourceId: SOURCE_ID, skipInvalid });
    for (let next = await iterator.next(); ; next = await iterator.next()) {
      if (next.done) {
        const { rollups, ...file } = next.value;
        return { batches, file: { ...file, rollups: { daily: bytesOf(rollups.daily), tags: bytesOf(rollups.tags) } } };
      }
      batches.push({ ...next.value, copyRows: bytesOf(next.value.copyRows) });
    }
  } finally {
    await source.close();
  }
}

async function inThisThread(file: string) {
  const records = await readRecords(file);
  return parseHere(records, records.progress);
}

/** A FOCUS 1.2 CSV of `copies` times the fixture's rows (it holds no multi-line cells). */
function bigCsv(copies: number): string {
  const [header, ...rows] = readFileSync(FOCUS_12.path, "utf8").trim().split("\n");
  const file = path.join(tempDir(), "big.csv");
  const lines = [header];
  for (let i = 0; i < copies; i++) lines.push(...rows);
  writeFileSync(file, `${lines.join("\n")}\n`);
  return file;
}

describe("parseInWorker", () => {
  it.each([
    ["CSV", () => FOCUS_12.path],
    ["gzipped CSV", () => gzipFixture(FOCUS_12.path, tempDir())],
    ["Parquet", () => parquetFixture(FOCUS_12.path, tempDir())],
    ["CSV with invalid rows, skipped", () => fixture("invalid-rows.csv")],
  ])("yields what parsing in this thread yields: %s", async (label, make) => {
    const file = make();
    const skipInvalid = label.includes("invalid");
    const worker = await parseInWorker({ kind: "file", filePath: file, format: await detectFormat(file) });
    const here = await inThisThread(file);
    expect(worker.header).toEqual(here.header);
    const fromWorker = await drain(worker, skipInvalid);
    expect(fromWorker).toEqual(await drain(here, skipInvalid));
    expect(fromWorker.file.totals.rows).toBeGreaterThan(0);
  });

  it("generates and parses the demo's records as this thread does", async () => {
    const options = { seed: 7, months: 3, rows: 10_000, endDate: "2026-10-31" };
    const fromWorker = await drain(await parseInWorker({ kind: "demo", options }));
    const here = await drain(await parseHere(generateDemoDataset(planDemoWorld(options))));
    expect(fromWorker).toEqual(here);
    expect(fromWorker.file.totals.rows).toBeGreaterThan(9_000);
  });

  it("sends a batch every BATCH_ROWS records, with the progress through the file", async () => {
    const file = bigCsv(Math.ceil((BATCH_ROWS * 2.5) / FOCUS_12.rows));
    const { batches, file: parsed } = await drain(await parseInWorker({ kind: "file", filePath: file, format: "csv" }));
    expect(batches.map((b) => b.rowsRead)).toEqual([BATCH_ROWS, 2 * BATCH_ROWS, parsed.totals.rows]);
    expect(batches.at(-1)!.fraction).toBe(1);
    expect(batches[0]!.fraction).toBeLessThan(1);
  });

  it("stays at most BATCHES_IN_FLIGHT batches ahead of the acknowledgements", async () => {
    const file = bigCsv(Math.ceil((BATCH_ROWS * (BATCHES_IN_FLIGHT + 3)) / FOCUS_12.rows));
    const worker = startParseWorker({ kind: "file", filePath: file, format: "csv" });
    try {
      const received: FromWorker[] = [];
      let arrived: () => void = () => undefined;
      worker.on("message", (message: FromWorker) => {
        received.push(message);
        arrived();
      });
      const waitFor = async (count: number) => {
        while (received.length < count) await new Promise<void>((resolve) => (arrived = resolve));
      };
      await waitFor(1);
      expect(received[0]!.type).toBe("header");
      worker.postMessage({ type: "start", sourceId: SOURCE_ID, skipInvalid: false } satisfies ToWorker);
      await waitFor(1 + BATCHES_IN_FLIGHT);
      // Unacknowledged, the worker waits: no further batch arrives however long the reader takes.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(received.filter((m) => m.type === "batch")).toHaveLength(BATCHES_IN_FLIGHT);
      worker.postMessage({ type: "ack" } satisfies ToWorker);
      await waitFor(2 + BATCHES_IN_FLIGHT);
      expect(received.at(-1)!.type).toBe("batch");
      // Acknowledged, it carries on to the end.
      for (let i = 0; i < 10; i++) worker.postMessage({ type: "ack" } satisfies ToWorker);
      while (received.at(-1)!.type !== "done") await waitFor(received.length + 1);
      expect(received.filter((m) => m.type === "batch").length).toBeGreaterThan(BATCHES_IN_FLIGHT + 1);
    } finally {
      await worker.terminate();
    }
  });

  it("reports an unreadable file with its line, and a missing one", async () => {
    const broken = path.join(tempDir(), "broken.csv");
    writeFileSync(broken, "BilledCost,EffectiveCost\n1,2\n3,4,5\n");
    const source = await parseInWorker({ kind: "file", filePath: broken, format: "csv" });
    const failure = await drain(source).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(MalformedFileError);
    expect(failure).toMatchObject({ line: 3 });
    await expect(parseInWorker({ kind: "file", filePath: path.join(tempDir(), "gone.csv"), format: "csv" })).rejects.toThrow(/ENOENT/);
  });

  it("has no header for a file without data rows, and can be closed before parsing", async () => {
    const empty = path.join(tempDir(), "empty.csv");
    writeFileSync(empty, "BilledCost,EffectiveCost\n");
    const source = await parseInWorker({ kind: "file", filePath: empty, format: "csv" });
    expect(source.header).toBeNull();
    await source.close();
    const unused = await parseInWorker({ kind: "file", filePath: FOCUS_12.path, format: "csv" });
    expect(unused.header?.focusVersion).toBe("1.2");
    await unused.close();
    await unused.close();
  });
});
