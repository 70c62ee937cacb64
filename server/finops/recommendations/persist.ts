import type { Database } from "../../adapters/db/database.ts";
import type { Prisma, RecommendationDifficulty } from "../../generated/prisma/client.ts";

/** One finding from the analytics, ready to become (or refresh) a recommendation. Savings are monthly. */
export interface RecommendationFinding {
  /** Stable identity, e.g. "rightsizing:downsize:i-0abc": the same finding next run updates the same row. */
  key: string;
  title: string;
  description: string;
  category: string;
  providerName?: string | null;
  billingAccountId?: string | null;
  /** Billing currency of the savings (ISO 4217); USD when omitted. */
  currency?: string;
  savingsMinUsd: number;
  savingsMaxUsd: number;
  savingsMinPercent?: number | null;
  savingsMaxPercent?: number | null;
  effortHours: number;
  difficulty: RecommendationDifficulty;
  confidence: number;
  expiresAt: Date;
  evidence: Record<string, unknown>;
  affectedResources: unknown[];
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const clampPercent = (n: number | null | undefined) => (n == null ? null : Math.min(100, Math.max(0, round2(n))));

/**
 * Saves a generator run in one transaction: new findings are inserted, known ones refreshed (their workflow status
 * kept; an obsolete one that holds again becomes active), and active or under-review recommendations whose
 * finding no longer holds become obsolete. Every status change the generator makes is recorded (by no user).
 */
export async function saveFindings(db: Database, findings: RecommendationFinding[]) {
  const keys = findings.map((f) => f.key);
  if (new Set(keys).size !== keys.length) throw new Error("Recommendation keys must be unique within a run");
  return db.prisma.$transaction(
    async (tx) => {
      const existing = new Map(
        (await tx.optimizationRecommendation.findMany({ where: { recommendationKey: { not: null } } })).map((r) => [
          r.recommendationKey!,
          r,
        ]),
      );
      let created = 0;
      let updated = 0;
      let reactivated = 0;
      for (const f of findings) {
        const data = {
          title: f.title.slice(0, 500),
          description: f.description,
          category: f.category,
          providerName: f.providerName ?? null,
          billingAccountId: f.billingAccountId ?? null,
          billingCurrency: f.currency ?? "USD",
          estimatedSavingsMinUsd: round2(Math.max(0, Math.min(f.savingsMinUsd, f.savingsMaxUsd))),
          estimatedSavingsMaxUsd: round2(Math.max(0, f.savingsMaxUsd)),
          estimatedSavingsMinPercent: clampPercent(f.savingsMinPercent),
          estimatedSavingsMaxPercent: clampPercent(f.savingsMaxPercent),
          implementationEffortHours: round2(Math.max(0, f.effortHours)),
          difficulty: f.difficulty,
          confidence: Math.min(1, Math.max(0, round2(f.confidence))),
          expiresAt: f.expiresAt,
          evidence: f.evidence as Prisma.InputJsonValue,
          affectedResources: f.affectedResources as Prisma.InputJsonValue,
        };
        const previous = existing.get(f.key);
        if (!previous) {
          await tx.optimizationRecommendation.create({ data: { ...data, recommendationKey: f.key } });
          created++;
          continue;
        }
        const reactivate = previous.status === "obsolete";
        await tx.optimizationRecommendation.update({
          where: { id: previous.id },
          data: { ...data, ...(reactivate ? { status: "active", statusChangedAt: new Date(), statusChangedBy: null } : {}) },
        });
        if (reactivate) {
          await tx.recommendationStatusChange.create({
            data: { recommendationId: previous.id, fromStatus: "obsolete", toStatus: "active", note: "The finding holds again." },
          });
          reactivated++;
        }
        updated++;
      }
      const current = new Set(keys);
      const stale = [...existing.values()].filter(
        (r) => !current.has(r.recommendationKey!) && (r.status === "active" || r.status === "under_review"),
      );
      for (const r of stale) {
        await tx.optimizationRecommendation.update({
          where: { id: r.id },
          data: { status: "obsolete", statusChangedAt: new Date(), statusChangedBy: null },
        });
        await tx.recommendationStatusChange.create({
          data: { recommendationId: r.id, fromStatus: r.status, toStatus: "obsolete", note: "The finding no longer holds." },
        });
      }
      return { created, updated, reactivated, obsoleted: stale.length };
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
}
