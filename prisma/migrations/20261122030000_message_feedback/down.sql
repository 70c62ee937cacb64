DROP TRIGGER "trg_feedback_updated_at" ON "message_feedback";
ALTER TABLE "message_feedback" DROP CONSTRAINT "message_feedback_user_id_fkey";
ALTER TABLE "message_feedback" DROP CONSTRAINT "message_feedback_message_id_fkey";
DROP TABLE "message_feedback";
DROP TYPE "feedback_rating";
