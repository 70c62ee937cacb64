import { stringify } from "csv-stringify/sync";
import type { Database } from "../../adapters/db/database.ts";
import { AppError } from "../../errors.ts";
import type { OptimizationRecommendation, Prisma } from "../../generated/prisma/client.ts";
import {
  ALLOWED_TRANSITIONS,
  QUICK_WIN,
  type RecommendationFilters,
  type RecommendationStatus,
  recommendationListInput,
} from "./schemas.ts";
import type { z } from "zod";
import { savingsTotalsSql, type SavingsTotalsRow } from "./savings-totals.ts";

export interface RecommendationView {
  id: string;
  recommendationKey: string | null;
  title: string;
  description: string;
  category: string;
  providerName: string | null;
  billingAccountId: string | null;
  /** ISO 4217 currency of the savings figures. */
  currency: string;
  savingsMinUsd: number | null;
  savingsMaxUsd: number | null;
  savingsMinPercent: number | null;
  savingsMaxPercent: number | null;
  effortHours: number | null;
  difficulty: string;
  confidence: number;
  priorityScore: number;
  status: RecommendationStatus;
  validated: boolean;
  expiresAt: Date | null;
  evidence: unknown;
  affectedResources: unknown;
  statusChangedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

const num = (d: Prisma.Decimal | null) => (d == null ? null : Number(d));

export function toRecommendationView(r: OptimizationRecommendation): RecommendationView {
  return {
    id: r.id,
    recommendationKey: r.recommendationKey,
    title: r.title,
    description: r.description,
    category: r.category,
    providerName: r.providerName,
    billingAccountId: r.billingAccountId,
    currency: r.billingCurrency,
    savingsMinUsd: num(r.estimatedSavingsMinUsd),
    savingsMaxUsd: num(r.estimatedSavingsMaxUsd),
    savingsMinPercent: num(r.estimatedSavingsMinPercent),
    savingsMaxPercent: num(r.estimatedSavingsMaxPercent),
    effortHours: num(r.implementationEffortHours),
    difficulty: r.difficulty,
    confidence: Number(r.confidence),
    priorityScore: Number(r.priorityScore),
    status: r.status,
    validated: r.validated,
    expiresAt: r.expiresAt,
    evidence: r.evidence,
    affectedResources: r.affectedResources,
    statusChangedAt: r.statusChangedAt,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

async function whereFor(db: Database, filters: RecommendationFilters): Promise<Prisma.OptimizationRecommendationWhereInput> {
  const where: Prisma.OptimizationRecommendationWhereInput = {
    ...(filters.status?.length ? { status: { in: filters.status } } : {}),
    ...(filters.category?.length ? { category: { in: filters.category } } : {}),
    ...(filters.provider ? { providerName: filters.provider } : {}),
    ...(filters.billingAccountId ? { billingAccountId: filters.billingAccountId } : {}),
    ...(filters.minSavingsUsd != null ? { estimatedSavingsMaxUsd: { gte: filters.minSavingsUsd } } : {}),
    ...(filters.maxEffortHours != null ? { implementationEffortHours: { lte: filters.maxEffortHours } } : {}),
    // About a resource that carries the tag (generate.ts stores each resource's tags with it): jsonb containment, so
    // one element of affected_resources holds {"tags": {key: value}} among its other fields.
    ...(filters.tag ? { affectedResources: { array_contains: [{ tags: { [filters.tag.key]: filters.tag.value } }] } } : {}),
  };
  const words = filters.search?.toLowerCase().match(/[\p{L}\p{N}]+/gu);
  if (words?.length) {
    // Full-text search over title and description (search_tsv), prefix-matching each word.
    const rows = await db.sql.query<{ id: string }>(
      `SELECT id FROM optimization_recommendations WHERE search_tsv @@ to_tsquery('english', $1)`,
      [words.slice(0, 12).map((w) => `${w}:*`).join(" & ")],
    );
    where.id = { in: rows.map((r) => r.id) };
  }
  return where;
}

const ORDER: Record<string, (dir: "asc" | "desc") => Prisma.OptimizationRecommendationOrderByWithRelationInput[]> = {
  priority: (dir) => [{ priorityScore: dir }, { id: "asc" }],
  savings: (dir) => [{ estimatedSavingsMaxUsd: { sort: dir, nulls: "last" } }, { id: "asc" }],
  effort: (dir) => [{ implementationEffortHours: { sort: dir, nulls: "last" } }, { id: "asc" }],
  expiry: (dir) => [{ expiresAt: { sort: dir, nulls: "last" } }, { id: "asc" }],
  created: (dir) => [{ createdAt: dir }, { id: "asc" }],
};
const DEFAULT_DIRECTION = { priority: "desc", savings: "desc", effort: "asc", expiry: "asc", created: "desc" } as const;

export async function listRecommendations(db: Database, input: z.infer<typeof recommendationListInput>) {
  const where = await whereFor(db, input);
  const direction = input.direction ?? DEFAULT_DIRECTION[input.sort];
  const [total, rows] = await Promise.all([
    db.prisma.optimizationRecommendation.count({ where }),
    db.prisma.optimizationRecommendation.findMany({
      where,
      orderBy: ORDER[input.sort]!(direction),
      skip: (input.page - 1) * input.pageSize,
      take: input.pageSize,
    }),
  ]);
  return { items: rows.map(toRecommendationView), total, page: input.page, pageSize: input.pageSize };
}

export async function getRecommendation(db: Database, id: string) {
  const row = await db.prisma.optimizationRecommendation.findUnique({
    where: { id },
    include: {
      statusChanges: { orderBy: { changedAt: "desc" }, include: { user: { select: { email: true } } } },
    },
  });
  if (!row) throw new AppError("not_found:recommendation", "That recommendation does not exist.");
  return {
    ...toRecommendationView(row),
    history: row.statusChanges.map((c) => ({
      fromStatus: c.fromStatus,
      toStatus: c.toStatus,
      note: c.note,
      changedAt: c.changedAt,
      changedBy: c.user?.email ?? "generator",
    })),
  };
}

/** Moves recommendations through the workflow, recording who and when; refuses transitions the workflow forbids. */
export async function updateRecommendationStatus(
  db: Database,
  input: { ids: string[]; status: RecommendationStatus; note?: string; userId: string },
) {
  return db.prisma.$transaction(async (tx) => {
    const rows = await tx.optimizationRecommendation.findMany({ where: { id: { in: input.ids } } });
    if (rows.length !== new Set(input.ids).size) throw new AppError("not_found:recommendation", "Some of those recommendations do not exist.");
    const refused = rows.filter((r) => r.status !== input.status && !ALLOWED_TRANSITIONS[r.status].includes(input.status));
    if (refused.length) {
      const r = refused[0]!;
      throw new AppError(
        "bad_request:recommendation",
        `"${r.title}" is ${r.status.replace("_", " ")} and cannot move to ${input.status.replace("_", " ")}` +
          (refused.length > 1 ? ` (and ${refused.length - 1} more).` : "."),
      );
    }
    const now = new Date();
    const changing = rows.filter((r) => r.status !== input.status);
    for (const r of changing) {
      await tx.optimizationRecommendation.update({
        where: { id: r.id },
        data: {
          status: input.status,
          statusChangedAt: now,
          statusChangedBy: input.userId,
          ...(input.status === "implemented" ? { validated: true, validatedAt: now, validatedBy: input.userId } : {}),
        },
      });
      await tx.recommendationStatusChange.create({
        data: { recommendationId: r.id, fromStatus: r.status, toStatus: input.status, changedBy: input.userId, note: input.note },
      });
    }
    return { updated: changing.length, unchanged: rows.length - changing.length };
  });
}

/** Tag values offered as filter choices at most: past it, the most common values of each key. */
const TAG_CHOICES = 300;

/** The providers, billing accounts and resource tags recommendations exist for, to offer as filter choices. */
export async function recommendationFacets(db: Database) {
  const [rows, tags] = await Promise.all([
    db.sql.query<{ provider_name: string; billing_account_id: string | null }>(
      `SELECT DISTINCT provider_name, billing_account_id FROM optimization_recommendations
        WHERE provider_name IS NOT NULL ORDER BY provider_name, billing_account_id`,
    ),
    db.sql.query<{ key: string; value: string }>(
      `SELECT key, value FROM (
         SELECT t.key, t.value, count(*) AS n
           FROM optimization_recommendations o
          CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(o.affected_resources) = 'array' THEN o.affected_resources ELSE '[]' END) r
          CROSS JOIN LATERAL jsonb_each_text(CASE WHEN jsonb_typeof(r->'tags') = 'object' THEN r->'tags' ELSE '{}' END) t
          WHERE t.value IS NOT NULL AND t.value <> ''
          GROUP BY t.key, t.value ORDER BY n DESC, t.key, t.value LIMIT ${TAG_CHOICES}) common
        ORDER BY key, value`,
    ),
  ]);
  const byKey = new Map<string, string[]>();
  for (const { key, value } of tags) byKey.set(key, [...(byKey.get(key) ?? []), value]);
  return {
    providers: [...new Set(rows.map((r) => r.provider_name))],
    accounts: rows.filter((r) => r.billing_account_id !== null).map((r) => ({ provider: r.provider_name, id: r.billing_account_id! })),
    tags: [...byKey].map(([key, values]) => ({ key, values })),
  };
}

/**
 * Monthly savings still open (active and under review) by category, totalled per billing currency (amounts in
 * different currencies are never added together; currencies come largest first), and the quick wins (high savings,
 * low effort). A total counts each resource once (savings-totals.ts): `overlapping` counts the recommendations left
 * out of its sums and `sharedResources` the resources they concern.
 */
export async function recommendationSummary(db: Database) {
  const rows = await db.sql.query<{ category: string; currency: string; count: string | number; min_usd: string | null; max_usd: string | null }>(
    `SELECT category, billing_currency AS currency, count(*) AS count,
            coalesce(sum(estimated_savings_min_usd), 0)::text AS min_usd,
            coalesce(sum(estimated_savings_max_usd), 0)::text AS max_usd
       FROM optimization_recommendations
      WHERE status IN ('active', 'under_review')
      GROUP BY category, billing_currency ORDER BY sum(estimated_savings_max_usd) DESC NULLS LAST, category`,
  );
  const byCategory = rows.map((r) => ({
    category: r.category,
    currency: r.currency,
    count: Number(r.count),
    savingsMinUsd: Number(r.min_usd),
    savingsMaxUsd: Number(r.max_usd),
  }));
  const totals = await db.sql.query<SavingsTotalsRow & { currency: string }>(
    savingsTotalsSql("status IN ('active', 'under_review')", { byCurrency: true }),
  );
  const quickWins = await db.prisma.optimizationRecommendation.findMany({
    where: { status: "active", estimatedSavingsMaxUsd: { gte: QUICK_WIN.minMonthlySavings }, implementationEffortHours: { lte: QUICK_WIN.maxEffortHours } },
    orderBy: [{ priorityScore: "desc" }],
    take: 5,
  });
  return {
    byCategory,
    totals: totals
      .map((t) => ({
        currency: t.currency,
        count: Number(t.n),
        savingsMinUsd: Number(t.min_usd),
        savingsMaxUsd: Number(t.max_usd),
        overlapping: Number(t.overlapping),
        sharedResources: Number(t.shared),
      }))
      .sort((a, b) => b.savingsMaxUsd - a.savingsMaxUsd || a.currency.localeCompare(b.currency)),
    quickWins: quickWins.map(toRecommendationView),
  };
}

export async function exportRecommendationsCsv(db: Database, filters: RecommendationFilters): Promise<string> {
  const rows = await db.prisma.optimizationRecommendation.findMany({
    where: await whereFor(db, filters),
    orderBy: [{ priorityScore: "desc" }],
    take: 10_000,
  });
  return stringify(
    rows.map(toRecommendationView).map((r) => ({
      id: r.id,
      title: r.title,
      category: r.category,
      status: r.status,
      provider: r.providerName ?? "",
      billing_account_id: r.billingAccountId ?? "",
      monthly_savings_min_usd: r.savingsMinUsd ?? "",
      monthly_savings_max_usd: r.savingsMaxUsd ?? "",
      effort_hours: r.effortHours ?? "",
      difficulty: r.difficulty,
      confidence: r.confidence,
      priority_score: r.priorityScore,
      expires_at: r.expiresAt?.toISOString() ?? "",
      description: r.description,
    })),
    { header: true },
  );
}
