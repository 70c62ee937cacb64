import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { costBreakdown } from "./analytics/breakdown.ts";
import { chooseTable, toUnits } from "./analytics/scope.ts";
import { GPU_SKU_PATTERN, namesGpu } from "./gpu.ts";
import { FOCUS_GPU } from "./ingest/fixtures/fixtures.ts";
import { ingestFile } from "./ingest/ingest.ts";
import { createTestDatabase, type TestDatabase } from "../testing/test-database.ts";

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  await ingestFile(db, FOCUS_GPU.path);
});
afterAll(() => db?.destroy());

const GPUS = [
  "BoxUsage:g5.xlarge", "$32.7726 per On Demand Linux p4d.24xlarge Instance Hour", "USE1-BoxUsage:g4dn.12xlarge", "p5.48xlarge",
  "inf2.8xlarge", "trn1n.32xlarge", "USE1-Train:ml.g5.2xlarge", "Standard_NC6s_v3", "NC24ads A100 v4", "Standard_ND96asr_v4",
  "NV12ads A10 v5", "a2-highgpu-1g", "A3 Instance Core running in Americas", "g2-standard-4", "Nvidia Tesla T4 GPU running in Americas",
  "Nvidia L4 GPU running in Americas", "H100 80GB", "GPU hours",
];
const NOT_GPUS = [
  "BoxUsage:m6i.large", "BoxUsage:t4g.micro", "InstanceUsage:db.r6g.large", "EBS:VolumeUsage.gp3", "General Purpose (gp3) provisioned storage",
  "N2D AMD Instance Core running in Americas", "n1-standard-4", "Standard_D4s_v5", "Claude3.5Sonnet-input-tokens", "gpt-4o-input-global",
  "c6gn.large", "cache.r6g.large", "Standard_E8s_v5", "e2-standard-2", "GP_Gen5_2",
];

describe("GPU usage", () => {
  it("names GPU instance types and accelerators of AWS, Azure and Google Cloud, and none of their look-alikes", () => {
    for (const text of GPUS) expect(namesGpu(text), text).toBe(true);
    for (const text of NOT_GPUS) expect(namesGpu(text), text).toBe(false);
  });

  it("reads the same in PostgreSQL (~*) as in JavaScript", async () => {
    const texts = [...GPUS, ...NOT_GPUS];
    const rows = await db.sql.query<{ text: string; gpu: boolean }>(
      "SELECT t AS text, t ~* $2 AS gpu FROM unnest($1::text[]) WITH ORDINALITY AS u(t, n) ORDER BY n",
      [texts, GPU_SKU_PATTERN],
    );
    expect(rows.map((r) => [r.text, r.gpu])).toEqual(texts.map((t) => [t, namesGpu(t)]));
  });

  it("filters a breakdown to the GPU charges, read from line items, exact to the cent", async () => {
    expect(chooseTable({ dimension: "ServiceName", filters: { gpu: true } })).toBe("cost_line_items");
    const all = await costBreakdown(db, { period: FOCUS_GPU.day, dimension: "ResourceId" });
    expect(all.data.total).toBe(FOCUS_GPU.totalCost);
    const gpu = await costBreakdown(db, { period: FOCUS_GPU.day, dimension: "ResourceId", filters: { gpu: true }, limit: 20 });
    expect(gpu.data.total).toBe(FOCUS_GPU.gpuCost);
    expect(gpu.data.rows.map((r) => r.key).sort()).toEqual(
      ["i-0gpu1", "i-0gpu2", "arn:aws:sagemaker:us-east-1:222222222222:training-job/fine-tune", "/subscriptions/s1/vm/gpu-vm", "//compute.googleapis.com/projects/p1/instances/gpu-box"].sort(),
    );
    expect(gpu.provenance[0]!.sql).toContain("~*");
    expect(gpu.provenance[0]!.params).toContain(GPU_SKU_PATTERN);
    // Left out: every other charge, charges with no SKU or description included.
    const rest = await costBreakdown(db, { period: FOCUS_GPU.day, dimension: "ResourceId", filters: { exclude: { gpu: true } }, limit: 50 });
    expect(toUnits(rest.data.total) + toUnits(gpu.data.total)).toBe(toUnits(FOCUS_GPU.totalCost));
    expect(rest.data.rows.map((r) => r.key)).not.toContain("i-0gpu1");
  });
});
