-- The webhooks plugin's receivers (Tally, n8n, Google): refused deliveries are logged as such, with a
-- digest of their headers, and processed ones with what they created.
ALTER TYPE "public"."webhook_status" ADD VALUE IF NOT EXISTS 'refuse';--> statement-breakpoint
ALTER TABLE "webhooks_log" ADD COLUMN IF NOT EXISTS "headers" jsonb;--> statement-breakpoint
ALTER TABLE "webhooks_log" ADD COLUMN IF NOT EXISTS "result" jsonb;
