-- Recommendation workflow: a stable key so the generator updates rather than duplicates, provider/account for
-- filtering, and who changed a recommendation's status, when.

-- AlterTable
ALTER TABLE "optimization_recommendations" ADD COLUMN "recommendation_key" VARCHAR(300),
ADD COLUMN "provider_name" VARCHAR(100),
ADD COLUMN "billing_account_id" VARCHAR(200),
ADD COLUMN "status_changed_at" TIMESTAMPTZ(6),
ADD COLUMN "status_changed_by" UUID;

-- CreateTable
CREATE TABLE "recommendation_status_changes" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "recommendation_id" UUID NOT NULL,
    "from_status" "recommendation_status" NOT NULL,
    "to_status" "recommendation_status" NOT NULL,
    "changed_by" UUID,
    "note" VARCHAR(1000),
    "changed_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "recommendation_status_changes_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "optimization_recommendations_recommendation_key_key" ON "optimization_recommendations"("recommendation_key");

-- CreateIndex
CREATE INDEX "idx_recommendations_provider_account" ON "optimization_recommendations"("provider_name", "billing_account_id");

-- CreateIndex
CREATE INDEX "idx_recommendation_changes_rec_changed" ON "recommendation_status_changes"("recommendation_id", "changed_at" DESC);

-- AddForeignKey
ALTER TABLE "optimization_recommendations" ADD CONSTRAINT "optimization_recommendations_status_changed_by_fkey" FOREIGN KEY ("status_changed_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "recommendation_status_changes" ADD CONSTRAINT "recommendation_status_changes_recommendation_id_fkey" FOREIGN KEY ("recommendation_id") REFERENCES "optimization_recommendations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "recommendation_status_changes" ADD CONSTRAINT "recommendation_status_changes_changed_by_fkey" FOREIGN KEY ("changed_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
