-- Scheduled announcements of the admin plugin (/annonce): a message posted in a channel at a clock time of the
-- server's zone, once or repeated. The clock time is kept apart from the next run so DST changes never move it.
-- Every statement can run twice (IF NOT EXISTS, duplicate_object ignored).
DO $$ BEGIN
	CREATE TYPE "public"."announcement_repeat" AS ENUM('aucune', 'quotidienne', 'hebdomadaire', 'jours_ouvres');
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "announcements" (
	"id" uuid PRIMARY KEY DEFAULT uuid_generate_v4() NOT NULL,
	"guild_id" text NOT NULL,
	"channel_id" text NOT NULL,
	"author_id" text NOT NULL,
	"message" text NOT NULL,
	"hour" smallint NOT NULL,
	"minute" smallint NOT NULL,
	"repeat" "announcement_repeat" DEFAULT 'aucune' NOT NULL,
	"next_run_at" timestamp with time zone NOT NULL,
	"paused_at" timestamp with time zone,
	"pause_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "announcements_clock_time" CHECK ("announcements"."hour" between 0 and 23 and "announcements"."minute" between 0 and 59)
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "announcements_due_idx" ON "announcements" USING btree ("next_run_at") WHERE paused_at is null;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "announcements_guild_idx" ON "announcements" USING btree ("guild_id","next_run_at");