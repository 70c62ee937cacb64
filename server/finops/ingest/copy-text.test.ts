import { describe, expect, it } from "vitest";
import { copyChunks } from "./copy-text.ts";

const decode = (chunks: Uint8Array[]) => Buffer.concat(chunks).toString("utf8");

describe("copyChunks", () => {
  it("encodes the lines as UTF-8, each ending in a newline, across chunks of about 256 kB", () => {
    const lines = Array.from({ length: 3000 }, (_, i) => `${i},"Zürich — €${i}",${"x".repeat(i % 400)}`);
    const chunks = copyChunks(lines);
    expect(chunks.length).toBeGreaterThan(1);
    expect(decode(chunks)).toBe(`${lines.join("\n")}\n`);
    for (const chunk of chunks.slice(0, -1)) expect(chunk.byteLength).toBeGreaterThanOrEqual(256 * 1024);
  });

  it("gives each chunk memory of its own, so it can be transferred to another thread", () => {
    const chunks = copyChunks(["a,b", "c,d"]);
    expect(chunks).toHaveLength(1);
    expect(chunks[0]!.buffer.byteLength).toBe(chunks[0]!.byteLength);
    expect(Buffer.isBuffer(chunks[0])).toBe(false);
    // The next call reuses the scratch buffer: the earlier chunk keeps its text.
    copyChunks(["e,f"]);
    expect(decode(chunks)).toBe("a,b\nc,d\n");
  });

  it("holds a line longer than its scratch buffer, and nothing for no lines", () => {
    const long = "é".repeat(700_000);
    expect(decode(copyChunks(["1", long, "2"]))).toBe(`1\n${long}\n2\n`);
    expect(copyChunks([])).toEqual([]);
  });
});
