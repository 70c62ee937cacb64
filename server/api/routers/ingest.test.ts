import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "../../auth/users.ts";
import type { IngestJob } from "../../finops/ingest/jobs.ts";
import { createTestApp, type TestApp } from "../../testing/fixtures.ts";

const FIXTURES = path.join(import.meta.dirname, "../../finops/ingest/fixtures");
let app: TestApp;
let admin: SessionUser;
let member: SessionUser;

beforeAll(async () => {
  app = await createTestApp();
  admin = await app.createUser({ email: "admin@example.com" });
  member = await app.createUser({ email: "member@example.com" });
});
afterAll(() => app.destroy());

async function form(fixture: string, options: { name?: string; skipInvalid?: boolean } = {}) {
  const data = new FormData();
  data.set("file", new File([await readFile(path.join(FIXTURES, fixture))], options.name ?? fixture));
  if (options.skipInvalid) data.set("skipInvalid", "true");
  return data;
}

async function finished(jobId: string): Promise<IngestJob[]> {
  const updates: IngestJob[] = [];
  const stream = await app.callerFor(admin).ingest.onProgress({ jobId });
  for await (const update of stream) updates.push(update);
  return updates;
}

describe("ingest router", () => {
  it("imports an uploaded FOCUS file, streams progress to the end and lists the source", async () => {
    const job = await app.callerFor(admin).ingest.upload(await form("focus-1.2.csv"));
    expect(job).toMatchObject({ fileName: "focus-1.2.csv", status: "running" });
    const updates = await finished(job.id);
    const last = updates.at(-1)!;
    expect(last.status).toBe("imported");
    expect(last.report).toMatchObject({ status: "imported", rowsImported: last.rowsImported });
    expect(last.rowsImported).toBeGreaterThan(0);

    const sources = await app.callerFor(member).cost.sources();
    expect(sources).toEqual([expect.objectContaining({ fileName: "focus-1.2.csv", rowCount: last.rowsImported, importedBy: admin.id, importedByEmail: admin.email })]);
    expect((await app.callerFor(member).cost.status()).hasData).toBe(true);
  });

  it("rejects an invalid file with a line-and-column report and imports nothing", async () => {
    const before = await app.callerFor(admin).cost.sources();
    const job = await app.callerFor(admin).ingest.upload(await form("bad-decimal.csv"));
    const last = (await finished(job.id)).at(-1)!;
    expect(last.status).toBe("rejected");
    expect(last.report!.issues[0]).toMatchObject({ line: expect.any(Number), column: expect.any(String) });
    expect(await app.callerFor(admin).cost.sources()).toEqual(before);
  });

  it("is for admins, and refuses files it cannot read with a clear message", async () => {
    await expect(app.callerFor(member).ingest.upload(await form("focus-1.2.csv"))).rejects.toMatchObject({ code: "FORBIDDEN" });
    const wrongType = new FormData();
    wrongType.set("file", new File(["hello"], "notes.txt"));
    await expect(app.callerFor(admin).ingest.upload(wrongType)).rejects.toThrow("Upload a FOCUS export as .csv, .csv.gz or .parquet.");
    const empty = new FormData();
    empty.set("file", new File([], "empty.csv"));
    await expect(app.callerFor(admin).ingest.upload(empty)).rejects.toThrow("The file is empty.");
  });

  it("deletes an import and everything derived from it", async () => {
    const [source] = await app.callerFor(admin).cost.sources();
    await expect(app.callerFor(member).cost.deleteSource({ id: source!.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await app.callerFor(admin).cost.deleteSource({ id: source!.id })).toEqual({ deleted: true });
    expect(await app.callerFor(admin).cost.sources()).toEqual([]);
    const [{ n }] = await app.db.sql.query<{ n: number }>("SELECT count(*)::int AS n FROM cost_daily_rollup");
    expect(n).toBe(0);
    await expect(app.callerFor(admin).cost.deleteSource({ id: source!.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
