-- Reverts 20261122000000_init, newest objects first. Run by `npm run db:rollback` (server/cli/migrate.ts), which also
-- deletes the migration's row from _prisma_migrations. Prisma itself never runs down scripts.
-- No IF EXISTS: a missing object means the database drifted from the migration, and the rollback should stop
-- (it runs in one transaction, so nothing is half-dropped).

-- Hand-written part
DROP TRIGGER "trg_recommendations_priority" ON "optimization_recommendations";
DROP FUNCTION "compute_recommendation_priority"();

DROP TRIGGER "trg_messages_touch_thread" ON "conversation_messages";
DROP FUNCTION "touch_thread_on_message"();

DROP TRIGGER "trg_recommendations_updated_at" ON "optimization_recommendations";
DROP TRIGGER "trg_events_updated_at" ON "conversation_events";
DROP TRIGGER "trg_threads_updated_at" ON "conversation_threads";
DROP TRIGGER "trg_users_updated_at" ON "users";
DROP FUNCTION "set_updated_at"();

ALTER TABLE "optimization_recommendations"
    DROP CONSTRAINT "chk_recommendations_effort_nonnegative",
    DROP CONSTRAINT "chk_recommendations_savings_usd_order",
    DROP CONSTRAINT "chk_recommendations_savings_usd_nonnegative",
    DROP CONSTRAINT "chk_recommendations_savings_percent_order",
    DROP CONSTRAINT "chk_recommendations_savings_percent_range",
    DROP CONSTRAINT "chk_recommendations_confidence_range";
ALTER TABLE "agent_executions" DROP CONSTRAINT "chk_executions_time_nonnegative";
ALTER TABLE "query_intents" DROP CONSTRAINT "chk_intents_confidence_range";
ALTER TABLE "conversation_messages" DROP CONSTRAINT "chk_messages_content_not_empty";
ALTER TABLE "conversation_threads" DROP CONSTRAINT "chk_threads_title_not_blank";

DROP INDEX "idx_recommendations_active_priority";
DROP INDEX "idx_executions_failed";

DROP INDEX "idx_recommendations_search_tsv";
DROP INDEX "idx_executions_input_tsv";
DROP INDEX "idx_intents_query_tsv";
DROP INDEX "idx_messages_content_tsv";
DROP INDEX "idx_threads_title_tsv";

ALTER TABLE "optimization_recommendations" DROP COLUMN "search_tsv";
ALTER TABLE "agent_executions" DROP COLUMN "input_tsv";
ALTER TABLE "query_intents" DROP COLUMN "query_tsv";
ALTER TABLE "conversation_messages" DROP COLUMN "content_tsv";
ALTER TABLE "conversation_threads" DROP COLUMN "title_tsv";

-- Prisma part: dropping a table drops its indexes, its constraints and its BIGSERIAL sequence. Tables go
-- children first, so no foreign key has to be dropped on its own.
DROP TABLE "optimization_recommendations";
DROP TABLE "agent_executions";
DROP TABLE "query_intents";
DROP TABLE "conversation_events";
DROP TABLE "conversation_messages";
DROP TABLE "conversation_threads";
DROP TABLE "api_tokens";
DROP TABLE "users";

DROP TYPE "recommendation_status";
DROP TYPE "recommendation_difficulty";
DROP TYPE "execution_status";
DROP TYPE "agent_type";
DROP TYPE "intent_type";
DROP TYPE "event_type";
DROP TYPE "event_agent_type";
DROP TYPE "message_type";
DROP TYPE "message_role";
DROP TYPE "user_role";
