-- Thumbs up/down with an optional comment per answer and user.

-- CreateEnum
CREATE TYPE "feedback_rating" AS ENUM ('up', 'down');

-- CreateTable
CREATE TABLE "message_feedback" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "message_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "rating" "feedback_rating" NOT NULL,
    "comment" VARCHAR(2000),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "message_feedback_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "uq_feedback_message_user" ON "message_feedback"("message_id", "user_id");

-- CreateIndex
CREATE INDEX "idx_feedback_rating_created" ON "message_feedback"("rating", "created_at" DESC);

-- AddForeignKey
ALTER TABLE "message_feedback" ADD CONSTRAINT "message_feedback_message_id_fkey" FOREIGN KEY ("message_id") REFERENCES "conversation_messages"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "message_feedback" ADD CONSTRAINT "message_feedback_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- updated_at maintained like the other tables (set_updated_at() comes from the init migration).
CREATE TRIGGER "trg_feedback_updated_at" BEFORE UPDATE ON "message_feedback"
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();
