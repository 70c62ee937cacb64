ALTER TABLE "recommendation_status_changes" DROP CONSTRAINT "recommendation_status_changes_changed_by_fkey";
ALTER TABLE "recommendation_status_changes" DROP CONSTRAINT "recommendation_status_changes_recommendation_id_fkey";
ALTER TABLE "optimization_recommendations" DROP CONSTRAINT "optimization_recommendations_status_changed_by_fkey";
DROP INDEX "idx_recommendations_provider_account";
DROP INDEX "optimization_recommendations_recommendation_key_key";
DROP TABLE "recommendation_status_changes";
ALTER TABLE "optimization_recommendations" DROP COLUMN "status_changed_by",
DROP COLUMN "status_changed_at",
DROP COLUMN "billing_account_id",
DROP COLUMN "provider_name",
DROP COLUMN "recommendation_key";
