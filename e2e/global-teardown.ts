import { rm } from "node:fs/promises";
import path from "node:path";

/** Deletes this run's database directory (only ever one under ./.data/e2e-*). */
export default async function globalTeardown() {
  const dir = process.env.E2E_DATA_DIR;
  if (!dir || !path.basename(dir).startsWith("e2e-")) return;
  await rm(dir, { recursive: true, force: true });
}
