import { isNetworkError } from "@/components/ui/errors";

// Backoff for sends that never reached the server. message.send is idempotent on clientMessageId, so resending
// the same id after a lost answer cannot store the message twice.
const RETRY_DELAYS_MS = [1_000, 2_000, 4_000];

export async function withNetworkRetry<T>(attempt: () => Promise<T>): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      const delay = RETRY_DELAYS_MS[i];
      if (delay === undefined || !isNetworkError(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

/** crypto.randomUUID only exists in secure contexts (https, localhost); plain-http LAN installs need the fallback. */
export function newClientMessageId(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
