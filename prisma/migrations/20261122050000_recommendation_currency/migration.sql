-- The billing currency a recommendation's savings are in (the estimated_savings_*_usd columns keep their names from
-- the data model). With several currencies in the cost data, each currency's findings are separate recommendations.
ALTER TABLE "optimization_recommendations" ADD COLUMN "billing_currency" VARCHAR(3) NOT NULL DEFAULT 'USD';
