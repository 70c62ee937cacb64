ALTER TABLE "optimization_recommendations" DROP COLUMN "billing_currency";
