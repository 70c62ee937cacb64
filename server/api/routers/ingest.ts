import { createWriteStream } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { z } from "zod";
import { adminProcedure, router } from "../trpc.ts";

/** Uploads above this go through the CLI (`npm run ingest -- <file>`), which streams from disk. */
export const MAX_UPLOAD_BYTES = 512 * 1024 * 1024;

const uploadInput = z
  .instanceof(FormData, { message: "Send the file as multipart form data (a `file` field)." })
  .transform((form) => ({ file: form.get("file"), skipInvalid: form.get("skipInvalid") === "true" }))
  .pipe(
    z.object({
      file: z
        .instanceof(File, { message: "Choose a file to upload." })
        .refine((f) => f.size > 0, "The file is empty.")
        .refine((f) => f.size <= MAX_UPLOAD_BYTES, `Files over 512 MB must be loaded with the CLI: npm run ingest -- <file>.`)
        .refine((f) => /\.(csv|csv\.gz|gz|parquet)$/i.test(f.name), "Upload a FOCUS export as .csv, .csv.gz or .parquet."),
      skipInvalid: z.boolean(),
    }),
  );

export const ingestRouter = router({
  /** Uploads a FOCUS file and starts importing it; follow it with ingest.onProgress. */
  upload: adminProcedure.input(uploadInput).mutation(async ({ ctx, input }) => {
    const dir = await mkdtemp(path.join(tmpdir(), "finops-upload-"));
    const filePath = path.join(dir, path.basename(input.file.name));
    await pipeline(Readable.fromWeb(input.file.stream() as unknown as WebReadableStream), createWriteStream(filePath));
    return ctx.services.ingest.start({
      filePath,
      fileName: input.file.name,
      sizeBytes: input.file.size,
      skipInvalid: input.skipInvalid,
      userId: ctx.user.id,
    });
  }),

  job: adminProcedure
    .input(z.object({ jobId: z.string().uuid() }))
    .query(({ ctx, input }) => ctx.services.ingest.get(input.jobId, ctx.user.id)),

  /** Progress of an upload (rows read, imported, skipped, rows/s), then its validation report. */
  onProgress: adminProcedure.input(z.object({ jobId: z.string().uuid() })).subscription(async ({ ctx, input, signal }) => {
    ctx.services.ingest.get(input.jobId, ctx.user.id);
    return ctx.services.ingest.watch(input.jobId, ctx.user.id, signal ?? new AbortController().signal);
  }),
});
