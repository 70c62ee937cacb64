-- CreateEnum
CREATE TYPE "user_role" AS ENUM ('member', 'admin');

-- CreateEnum
CREATE TYPE "message_role" AS ENUM ('user', 'assistant', 'system');

-- CreateEnum
CREATE TYPE "message_type" AS ENUM ('query', 'context', 'response', 'tool_call');

-- CreateEnum
CREATE TYPE "event_agent_type" AS ENUM ('finops', 'github', 'document', 'research');

-- CreateEnum
CREATE TYPE "event_type" AS ENUM ('user_message', 'agent_response', 'system_event', 'turn_started', 'step_started', 'step_finished', 'answer_delta', 'turn_finished');

-- CreateEnum
CREATE TYPE "intent_type" AS ENUM ('cost_analysis', 'optimization_recommendation', 'cost_anomaly_detection', 'budget_tracking', 'resource_utilization', 'cost_allocation', 'forecast_prediction', 'spend_comparison', 'service_breakdown', 'tagging_compliance', 'savings_opportunity', 'rightsizing', 'reserved_instance_analysis', 'spot_instance_analysis', 'general_query', 'clarification_needed', 'multi_intent');

-- CreateEnum
CREATE TYPE "agent_type" AS ENUM ('supervisor', 'cost_analysis', 'optimization', 'infrastructure', 'anomaly_detection', 'forecasting', 'recommendation', 'report_generation', 'query_rewriter', 'intent_classifier', 'data_retriever');

-- CreateEnum
CREATE TYPE "execution_status" AS ENUM ('success', 'error', 'partial', 'timeout', 'cancelled');

-- CreateEnum
CREATE TYPE "recommendation_difficulty" AS ENUM ('easy', 'medium', 'hard');

-- CreateEnum
CREATE TYPE "recommendation_status" AS ENUM ('active', 'implemented', 'rejected', 'obsolete', 'under_review');

-- CreateTable
CREATE TABLE "users" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "email" VARCHAR(320) NOT NULL,
    "name" VARCHAR(200),
    "password_hash" TEXT NOT NULL,
    "role" "user_role" NOT NULL DEFAULT 'member',
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_tokens" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" UUID NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "token_hash" VARCHAR(64) NOT NULL,
    "token_prefix" VARCHAR(16) NOT NULL,
    "last_used_at" TIMESTAMPTZ(6),
    "revoked_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "api_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "conversation_threads" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" UUID NOT NULL,
    "title" VARCHAR(500) NOT NULL,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "conversation_threads_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "conversation_messages" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "thread_id" UUID NOT NULL,
    "role" "message_role" NOT NULL,
    "message_type" "message_type" NOT NULL DEFAULT 'query',
    "content" TEXT NOT NULL,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "ordering_index" INTEGER NOT NULL,
    "client_message_id" UUID,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "conversation_messages_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "conversation_events" (
    "seq" BIGSERIAL NOT NULL,
    "event_id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "conversation_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "message_id" UUID,
    "agent_type" "event_agent_type" NOT NULL DEFAULT 'finops',
    "event_type" "event_type" NOT NULL,
    "message_text" TEXT,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "processing_time_ms" INTEGER,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "conversation_events_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "query_intents" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "thread_id" UUID NOT NULL,
    "message_id" UUID NOT NULL,
    "intent_type" "intent_type" NOT NULL,
    "original_query" TEXT NOT NULL,
    "rewritten_query" TEXT,
    "confidence" DECIMAL(3,2) NOT NULL,
    "extracted_dimensions" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "query_intents_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "agent_executions" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "thread_id" UUID NOT NULL,
    "message_id" UUID,
    "agent_type" "agent_type" NOT NULL,
    "agent_name" VARCHAR(100) NOT NULL,
    "input_query" TEXT NOT NULL,
    "tools_used" JSONB NOT NULL DEFAULT '[]',
    "execution_time_ms" INTEGER,
    "status" "execution_status" NOT NULL,
    "error_message" TEXT,
    "error_stack" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "agent_executions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "optimization_recommendations" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "thread_id" UUID,
    "agent_execution_id" UUID,
    "title" VARCHAR(500) NOT NULL,
    "description" TEXT NOT NULL,
    "category" VARCHAR(50) NOT NULL,
    "estimated_savings_min_percent" DECIMAL(5,2),
    "estimated_savings_max_percent" DECIMAL(5,2),
    "estimated_savings_min_usd" DECIMAL(14,2),
    "estimated_savings_max_usd" DECIMAL(14,2),
    "implementation_effort_hours" DECIMAL(8,2),
    "difficulty" "recommendation_difficulty" NOT NULL DEFAULT 'medium',
    "confidence" DECIMAL(3,2) NOT NULL DEFAULT 0.5,
    "validated" BOOLEAN NOT NULL DEFAULT false,
    "validated_at" TIMESTAMPTZ(6),
    "validated_by" UUID,
    "priority_score" DECIMAL(12,4) NOT NULL DEFAULT 0,
    "status" "recommendation_status" NOT NULL DEFAULT 'active',
    "expires_at" TIMESTAMPTZ(6),
    "evidence" JSONB NOT NULL DEFAULT '{}',
    "affected_resources" JSONB NOT NULL DEFAULT '[]',
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "optimization_recommendations_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE UNIQUE INDEX "api_tokens_token_hash_key" ON "api_tokens"("token_hash");

-- CreateIndex
CREATE INDEX "api_tokens_user_id_idx" ON "api_tokens"("user_id");

-- CreateIndex
CREATE INDEX "idx_threads_user_active_updated" ON "conversation_threads"("user_id", "is_active", "updated_at" DESC);

-- CreateIndex
CREATE INDEX "idx_threads_metadata" ON "conversation_threads" USING GIN ("metadata");

-- CreateIndex
CREATE UNIQUE INDEX "uq_messages_thread_ordering" ON "conversation_messages"("thread_id", "ordering_index");

-- CreateIndex
CREATE UNIQUE INDEX "uq_messages_thread_client_id" ON "conversation_messages"("thread_id", "client_message_id");

-- CreateIndex
CREATE UNIQUE INDEX "conversation_events_event_id_key" ON "conversation_events"("event_id");

-- CreateIndex
CREATE INDEX "idx_events_conversation_seq" ON "conversation_events"("conversation_id", "seq");

-- CreateIndex
CREATE INDEX "idx_events_user_created" ON "conversation_events"("user_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "idx_events_metadata" ON "conversation_events" USING GIN ("metadata");

-- CreateIndex
CREATE INDEX "idx_intents_thread_created" ON "query_intents"("thread_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "idx_intents_type_created" ON "query_intents"("intent_type", "created_at" DESC);

-- CreateIndex
CREATE INDEX "idx_intents_dimensions" ON "query_intents" USING GIN ("extracted_dimensions");

-- CreateIndex
CREATE INDEX "idx_executions_agent_created" ON "agent_executions"("agent_type", "created_at" DESC);

-- CreateIndex
CREATE INDEX "idx_executions_thread_created" ON "agent_executions"("thread_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "idx_recommendations_category_status" ON "optimization_recommendations"("category", "status");

-- CreateIndex
CREATE INDEX "idx_recommendations_evidence" ON "optimization_recommendations" USING GIN ("evidence");

-- AddForeignKey
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "conversation_threads" ADD CONSTRAINT "conversation_threads_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "conversation_messages" ADD CONSTRAINT "conversation_messages_thread_id_fkey" FOREIGN KEY ("thread_id") REFERENCES "conversation_threads"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "conversation_events" ADD CONSTRAINT "conversation_events_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "conversation_threads"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "conversation_events" ADD CONSTRAINT "conversation_events_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "conversation_events" ADD CONSTRAINT "conversation_events_message_id_fkey" FOREIGN KEY ("message_id") REFERENCES "conversation_messages"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "query_intents" ADD CONSTRAINT "query_intents_thread_id_fkey" FOREIGN KEY ("thread_id") REFERENCES "conversation_threads"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "query_intents" ADD CONSTRAINT "query_intents_message_id_fkey" FOREIGN KEY ("message_id") REFERENCES "conversation_messages"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agent_executions" ADD CONSTRAINT "agent_executions_thread_id_fkey" FOREIGN KEY ("thread_id") REFERENCES "conversation_threads"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agent_executions" ADD CONSTRAINT "agent_executions_message_id_fkey" FOREIGN KEY ("message_id") REFERENCES "conversation_messages"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "optimization_recommendations" ADD CONSTRAINT "optimization_recommendations_thread_id_fkey" FOREIGN KEY ("thread_id") REFERENCES "conversation_threads"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "optimization_recommendations" ADD CONSTRAINT "optimization_recommendations_agent_execution_id_fkey" FOREIGN KEY ("agent_execution_id") REFERENCES "agent_executions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "optimization_recommendations" ADD CONSTRAINT "optimization_recommendations_validated_by_fkey" FOREIGN KEY ("validated_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------------------------------------------
-- Hand-written below this line: what schema.prisma cannot express. Prisma sees the tsvector columns as
-- Unsupported("tsvector")? fields; everything else here is invisible to the Prisma client.
-- Only features present in both PostgreSQL 15 and PGlite are used (no extensions).
-- ---------------------------------------------------------------------------------------------------------------

-- Full-text search: generated columns. to_tsvector is given the 'english' config explicitly because the
-- one-argument form depends on default_text_search_config and so is not immutable (generated columns need that).
ALTER TABLE "conversation_threads"
    ADD COLUMN "title_tsv" tsvector GENERATED ALWAYS AS (to_tsvector('english'::regconfig, "title")) STORED;

ALTER TABLE "conversation_messages"
    ADD COLUMN "content_tsv" tsvector GENERATED ALWAYS AS (to_tsvector('english'::regconfig, "content")) STORED;

ALTER TABLE "query_intents"
    ADD COLUMN "query_tsv" tsvector GENERATED ALWAYS AS (
        to_tsvector('english'::regconfig, "original_query" || ' ' || coalesce("rewritten_query", ''))
    ) STORED;

ALTER TABLE "agent_executions"
    ADD COLUMN "input_tsv" tsvector GENERATED ALWAYS AS (to_tsvector('english'::regconfig, "input_query")) STORED;

ALTER TABLE "optimization_recommendations"
    ADD COLUMN "search_tsv" tsvector GENERATED ALWAYS AS (
        to_tsvector('english'::regconfig, "title" || ' ' || "description")
    ) STORED;

CREATE INDEX "idx_threads_title_tsv" ON "conversation_threads" USING GIN ("title_tsv");
CREATE INDEX "idx_messages_content_tsv" ON "conversation_messages" USING GIN ("content_tsv");
CREATE INDEX "idx_intents_query_tsv" ON "query_intents" USING GIN ("query_tsv");
CREATE INDEX "idx_executions_input_tsv" ON "agent_executions" USING GIN ("input_tsv");
CREATE INDEX "idx_recommendations_search_tsv" ON "optimization_recommendations" USING GIN ("search_tsv");

-- Partial indexes: the admin view lists failed executions per agent; the recommendations list ranks active ones.
CREATE INDEX "idx_executions_failed" ON "agent_executions"("agent_type", "created_at" DESC) WHERE "status" <> 'success';
CREATE INDEX "idx_recommendations_active_priority" ON "optimization_recommendations"("priority_score" DESC) WHERE "status" = 'active';

-- CHECK constraints. NULL passes a CHECK, so optional columns are only constrained when present.
ALTER TABLE "conversation_threads"
    ADD CONSTRAINT "chk_threads_title_not_blank"
    CHECK (char_length("title") BETWEEN 1 AND 500 AND "title" ~ '[^[:space:]]');

ALTER TABLE "conversation_messages"
    ADD CONSTRAINT "chk_messages_content_not_empty" CHECK (char_length("content") > 0);

ALTER TABLE "query_intents"
    ADD CONSTRAINT "chk_intents_confidence_range" CHECK ("confidence" BETWEEN 0 AND 1);

ALTER TABLE "agent_executions"
    ADD CONSTRAINT "chk_executions_time_nonnegative" CHECK ("execution_time_ms" >= 0);

ALTER TABLE "optimization_recommendations"
    ADD CONSTRAINT "chk_recommendations_confidence_range" CHECK ("confidence" BETWEEN 0 AND 1),
    ADD CONSTRAINT "chk_recommendations_savings_percent_range" CHECK (
        "estimated_savings_min_percent" BETWEEN 0 AND 100 AND "estimated_savings_max_percent" BETWEEN 0 AND 100
    ),
    ADD CONSTRAINT "chk_recommendations_savings_percent_order" CHECK (
        "estimated_savings_min_percent" <= "estimated_savings_max_percent"
    ),
    ADD CONSTRAINT "chk_recommendations_savings_usd_nonnegative" CHECK (
        "estimated_savings_min_usd" >= 0 AND "estimated_savings_max_usd" >= 0
    ),
    ADD CONSTRAINT "chk_recommendations_savings_usd_order" CHECK (
        "estimated_savings_min_usd" <= "estimated_savings_max_usd"
    ),
    ADD CONSTRAINT "chk_recommendations_effort_nonnegative" CHECK ("implementation_effort_hours" >= 0);

-- updated_at maintenance: the schema has no @updatedAt, so raw SQL writes and Prisma writes behave the same.
CREATE FUNCTION "set_updated_at"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW."updated_at" := now();
    RETURN NEW;
END;
$$;

CREATE TRIGGER "trg_users_updated_at" BEFORE UPDATE ON "users"
    FOR EACH ROW EXECUTE FUNCTION "set_updated_at"();
CREATE TRIGGER "trg_threads_updated_at" BEFORE UPDATE ON "conversation_threads"
    FOR EACH ROW EXECUTE FUNCTION "set_updated_at"();
CREATE TRIGGER "trg_events_updated_at" BEFORE UPDATE ON "conversation_events"
    FOR EACH ROW EXECUTE FUNCTION "set_updated_at"();
CREATE TRIGGER "trg_recommendations_updated_at" BEFORE UPDATE ON "optimization_recommendations"
    FOR EACH ROW EXECUTE FUNCTION "set_updated_at"();

-- A new message moves its thread to the top of the "recently updated" list (idx_threads_user_active_updated).
CREATE FUNCTION "touch_thread_on_message"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE "conversation_threads" SET "updated_at" = now() WHERE "id" = NEW."thread_id";
    RETURN NULL;
END;
$$;

CREATE TRIGGER "trg_messages_touch_thread" AFTER INSERT ON "conversation_messages"
    FOR EACH ROW EXECUTE FUNCTION "touch_thread_on_message"();

-- Recommendation ranking. priority_score is always derived, never written by the application:
--   savings        = average of the non-null estimated_savings_min_usd / estimated_savings_max_usd (0 if both null)
--   effort         = coalesce(implementation_effort_hours, 8)          -- unknown effort counts as one working day
--   priority_score = round( ln(1 + savings) * confidence * 100 / (1 + effort / 8), 4 )
-- ln dampens savings so one huge estimate does not drown everything else; confidence scales linearly; every
-- working day (8 h) of effort divides the score further. Higher savings, higher confidence, lower effort rank higher.
-- Negative inputs are clamped to 0 here so the CHECK constraints (evaluated after this trigger) report them,
-- instead of ln() or the division failing first with a less helpful message.
CREATE FUNCTION "compute_recommendation_priority"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    savings numeric;
    effort numeric;
BEGIN
    savings := CASE
        WHEN NEW."estimated_savings_min_usd" IS NULL AND NEW."estimated_savings_max_usd" IS NULL THEN 0
        WHEN NEW."estimated_savings_min_usd" IS NULL THEN NEW."estimated_savings_max_usd"
        WHEN NEW."estimated_savings_max_usd" IS NULL THEN NEW."estimated_savings_min_usd"
        ELSE (NEW."estimated_savings_min_usd" + NEW."estimated_savings_max_usd") / 2
    END;
    savings := greatest(savings, 0);
    effort := greatest(coalesce(NEW."implementation_effort_hours", 8), 0);
    NEW."priority_score" := round(ln(1 + savings) * greatest(NEW."confidence", 0) * 100 / (1 + effort / 8), 4);
    RETURN NEW;
END;
$$;

CREATE TRIGGER "trg_recommendations_priority" BEFORE INSERT OR UPDATE ON "optimization_recommendations"
    FOR EACH ROW EXECUTE FUNCTION "compute_recommendation_priority"();
