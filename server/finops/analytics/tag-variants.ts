// Tag values that are one value spelled differently: "prod" and "production", "Dev" and "dev". Cost allocation keeps
// each stored value apart (merging them silently would hide a tagging problem); answers point the variants out, with
// what they add up to, so the team can align its tagging policy.

/** Common spellings of the usual environment names (the FinOps Foundation's tagging guides use these as examples). */
const SYNONYMS: readonly (readonly string[])[] = [
  ["prod", "production", "prd", "live"],
  ["dev", "development", "develop"],
  ["staging", "stage", "stg"],
  ["test", "testing", "tst", "qa"],
  ["sandbox", "sbx"],
];
const CANONICAL = new Map(SYNONYMS.flatMap((names) => names.map((name) => [name, names[0]!] as const)));

/** The value every spelling of a name stands for: lower-cased, trimmed, the usual environment synonyms as one. */
export function canonicalTagValue(value: string): string {
  const lower = value.trim().toLowerCase().replace(/[\s_]+/g, "-");
  return CANONICAL.get(lower) ?? lower;
}

export interface TagValueVariants<R> {
  /** The canonical name ("prod"). */
  canonical: string;
  /** The stored values that stand for it, in the order given (at least two). */
  rows: R[];
}

/** Groups of at least two values that are one value spelled differently, in the order of their first value. */
export function tagValueVariants<R>(rows: readonly R[], valueOf: (row: R) => string | null): TagValueVariants<R>[] {
  const groups = new Map<string, R[]>();
  for (const row of rows) {
    const value = valueOf(row);
    if (value === null || value.trim() === "") continue;
    const key = canonicalTagValue(value);
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return [...groups].filter(([, members]) => members.length > 1).map(([canonical, members]) => ({ canonical, rows: members }));
}
