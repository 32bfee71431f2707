DROP INDEX IF EXISTS "messages_content_trgm_idx";--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "messages_content_unaccent_trgm_idx" ON "messages" USING gin (public.immutable_unaccent("content") gin_trgm_ops);
