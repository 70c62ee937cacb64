import { SERVICES } from "./catalog.ts";
import type { QueryDimensions } from "./dimensions.ts";

// Services a question names by the name its cost data gives them ("Glue", "OpenSearch", "Azure Key Vault"). The
// catalog's synonyms cover the common services of each cloud; a real bill holds many more, and a question about one
// of those must not be answered with the whole bill.

/** A FOCUS ServiceName the store holds, with its provider (see CostCatalog.services). */
export interface NamedService {
  name: string;
  provider: string;
}

/** Words a service name starts with that only say whose it is ("AWS Glue", "Azure Key Vault", "Amazon MQ"). */
const VENDOR = /^(?:(?:amazon|aws|azure|microsoft|google|cloud|gcp)\s+)+/;
/** Words that say what kind of service it is, not which: a name made only of these counts only when said in full. */
const GENERIC = new Set([
  "service", "services", "data", "storage", "compute", "database", "databases", "db", "sql", "network", "networking",
  "function", "functions", "monitor", "monitoring", "logging", "logs", "analytics", "search", "backup", "security",
  "support", "management", "machine", "learning", "ai", "ml", "engine", "platform", "api", "apis", "manager", "center",
  "gateway", "gateways", "instance", "instances", "web", "app", "apps", "application", "applications", "container",
  "containers", "registry", "load", "balancer", "balancing", "directory", "file", "files", "queue", "queues",
  "notification", "notifications", "key", "keys", "vault", "bus", "hub", "event", "events", "transfer", "private",
  "public", "virtual", "elastic", "simple", "cloud", "the", "for", "and", "of", "on", "in", "with", "to", "a", "an",
  "cost", "costs", "spend", "tax", "support", "premium", "standard", "basic", "edition", "plan", "plans", "other",
]);

const words = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
const isSpecific = (phrase: string) => phrase.split(" ").some((w) => w.length >= 3 && !GENERIC.has(w));

/** What a question may call a service: its full name, and without its vendor words and "Service" ("opensearch"). */
export function phrasesFor(serviceName: string): string[] {
  const full = words(serviceName);
  const short = full.replace(VENDOR, "").replace(/\s+services?$/, "").trim();
  const phrases = [full.split(" ").length >= 2 || isSpecific(full) ? full : "", isSpecific(short) ? short : ""];
  return [...new Set(phrases.filter(Boolean))];
}

const CATALOGUED = new Set(SERVICES.map((s) => s.name));

/**
 * The dimensions with the stored services the text names added to `services` (and their providers). Services the
 * catalog knows are left to its synonyms; once the text names a stored service, catalogue names the store does not
 * hold are dropped ("EC2" over an export that calls it "Amazon EC2" means that, not "Amazon Elastic Compute Cloud").
 */
export function withStoredServices(text: string, dimensions: QueryDimensions, stored: readonly NamedService[]): QueryDimensions {
  const said = ` ${words(text)} `;
  const named = stored.filter((s) => !CATALOGUED.has(s.name) && !dimensions.services.includes(s.name) && phrasesFor(s.name).some((p) => said.includes(` ${p} `)));
  if (named.length === 0) return dimensions;
  const held = new Set(stored.map((s) => s.name));
  return {
    ...dimensions,
    services: [...dimensions.services.filter((s) => held.has(s)), ...named.map((s) => s.name)],
    providers: [...new Set([...dimensions.providers, ...named.map((s) => s.provider)])],
  };
}
