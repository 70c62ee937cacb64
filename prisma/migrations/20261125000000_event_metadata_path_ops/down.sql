DROP INDEX "idx_events_metadata";
CREATE INDEX "idx_events_metadata" ON "conversation_events" USING GIN ("metadata");
