DO $$ BEGIN
	CREATE TYPE "public"."audit_kind" AS ENUM('commande_refusee', 'action_admin', 'changement_config');
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;--> statement-breakpoint
DO $$ BEGIN
	CREATE TYPE "public"."moderation_action" AS ENUM('avertissement', 'exclusion_temporaire', 'expulsion', 'bannissement', 'debannissement', 'note');
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;--> statement-breakpoint
DO $$ BEGIN
	CREATE TYPE "public"."planning_status" AS ENUM('prevu', 'confirme', 'termine', 'annule');
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;--> statement-breakpoint
DO $$ BEGIN
	CREATE TYPE "public"."planning_type" AS ENUM('chantier', 'conges', 'formation', 'reunion', 'autre');
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;--> statement-breakpoint
DO $$ BEGIN
	CREATE TYPE "public"."task_priority" AS ENUM('basse', 'normale', 'haute', 'urgente');
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;--> statement-breakpoint
DO $$ BEGIN
	CREATE TYPE "public"."task_status" AS ENUM('a_faire', 'en_cours', 'en_attente', 'terminee', 'annulee');
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;--> statement-breakpoint
DO $$ BEGIN
	CREATE TYPE "public"."chantier_status" AS ENUM('actif', 'en_pause', 'termine', 'archive');
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;--> statement-breakpoint
DO $$ BEGIN
	CREATE TYPE "public"."webhook_direction" AS ENUM('entrant', 'sortant');
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;--> statement-breakpoint
DO $$ BEGIN
	CREATE TYPE "public"."webhook_status" AS ENUM('recu', 'traite', 'echec');
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "api_logs" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "api_logs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"method" text NOT NULL,
	"path" text NOT NULL,
	"status" smallint NOT NULL,
	"duration_ms" integer NOT NULL,
	"caller" text,
	"ip" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "audit_log" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"guild_id" text,
	"kind" "audit_kind" NOT NULL,
	"actor_id" text NOT NULL,
	"action" text NOT NULL,
	"target" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "plugin_data" (
	"namespace" text NOT NULL,
	"key" text NOT NULL,
	"value" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plugin_data_pkey" PRIMARY KEY("namespace","key")
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "moderation_cases" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "moderation_cases_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"guild_id" text NOT NULL,
	"case_number" integer NOT NULL,
	"action" "moderation_action" NOT NULL,
	"target_id" text NOT NULL,
	"moderator_id" text NOT NULL,
	"reason" text,
	"expires_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"revoked_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "messages" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "messages_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"message_id" text NOT NULL,
	"guild_id" text,
	"channel_id" text NOT NULL,
	"author_id" text NOT NULL,
	"author_is_bot" boolean DEFAULT false NOT NULL,
	"content" text,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"edited_at" timestamp with time zone,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "messages_message_id_key" UNIQUE("message_id")
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "user_stats" (
	"guild_id" text NOT NULL,
	"user_id" text NOT NULL,
	"day" date NOT NULL,
	"messages" integer DEFAULT 0 NOT NULL,
	"tasks_created" integer DEFAULT 0 NOT NULL,
	"tasks_done" integer DEFAULT 0 NOT NULL,
	"active_seconds" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "user_stats_pkey" PRIMARY KEY("guild_id","user_id","day")
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "planning" (
	"id" uuid PRIMARY KEY DEFAULT uuid_generate_v4() NOT NULL,
	"guild_id" text NOT NULL,
	"user_id" text NOT NULL,
	"type" "planning_type" NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"all_day" boolean DEFAULT false NOT NULL,
	"chantier_id" uuid,
	"status" "planning_status" DEFAULT 'prevu' NOT NULL,
	"note" text,
	"rrule" text,
	"recurrence_id" uuid,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "planning_ends_after_start" CHECK ("planning"."ends_at" > "planning"."starts_at")
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "tasks" (
	"id" uuid PRIMARY KEY DEFAULT uuid_generate_v4() NOT NULL,
	"guild_id" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"status" "task_status" DEFAULT 'a_faire' NOT NULL,
	"priority" "task_priority" DEFAULT 'normale' NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"due_date" date,
	"assignee_id" text,
	"creator_id" text NOT NULL,
	"chantier_id" uuid,
	"completed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "chantiers" (
	"id" uuid PRIMARY KEY DEFAULT uuid_generate_v4() NOT NULL,
	"guild_id" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"client" text,
	"address" text,
	"status" "chantier_status" DEFAULT 'actif' NOT NULL,
	"starts_on" date,
	"ends_on" date,
	"discord_category_id" text,
	"discord_channel_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "webhooks_log" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "webhooks_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"direction" "webhook_direction" NOT NULL,
	"source" text NOT NULL,
	"event" text,
	"idempotency_key" text,
	"status" "webhook_status" DEFAULT 'recu' NOT NULL,
	"http_status" integer,
	"payload" jsonb,
	"error" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"processed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DO $$ BEGIN
	ALTER TABLE "planning" ADD CONSTRAINT "planning_chantier_id_chantiers_id_fk" FOREIGN KEY ("chantier_id") REFERENCES "public"."chantiers"("id") ON DELETE set null ON UPDATE no action;
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;--> statement-breakpoint
DO $$ BEGIN
	ALTER TABLE "planning" ADD CONSTRAINT "planning_recurrence_id_planning_id_fk" FOREIGN KEY ("recurrence_id") REFERENCES "public"."planning"("id") ON DELETE cascade ON UPDATE no action;
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;--> statement-breakpoint
DO $$ BEGIN
	ALTER TABLE "tasks" ADD CONSTRAINT "tasks_chantier_id_chantiers_id_fk" FOREIGN KEY ("chantier_id") REFERENCES "public"."chantiers"("id") ON DELETE set null ON UPDATE no action;
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "plugin_data_value_idx" ON "plugin_data" USING gin ("value" jsonb_path_ops);--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "moderation_cases_guild_number_key" ON "moderation_cases" USING btree ("guild_id","case_number");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "moderation_cases_target_idx" ON "moderation_cases" USING btree ("guild_id","target_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "messages_content_trgm_idx" ON "messages" USING gin ("content" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "messages_created_at_idx" ON "messages" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "planning_user_ends_idx" ON "planning" USING btree ("user_id","ends_at") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "planning_guild_ends_idx" ON "planning" USING btree ("guild_id","ends_at") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "planning_recurrence_idx" ON "planning" USING btree ("recurrence_id") WHERE recurrence_id is not null;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "tasks_guild_status_due_idx" ON "tasks" USING btree ("guild_id","status","due_date");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "tasks_open_assignee_due_idx" ON "tasks" USING btree ("assignee_id","due_date") WHERE status in ('a_faire', 'en_cours', 'en_attente');--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "tasks_open_chantier_due_idx" ON "tasks" USING btree ("chantier_id","due_date") WHERE status in ('a_faire', 'en_cours', 'en_attente');--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "tasks_tags_idx" ON "tasks" USING gin ("tags");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "tasks_completed_at_idx" ON "tasks" USING btree ("completed_at") WHERE completed_at is not null;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "tasks_created_at_idx" ON "tasks" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "chantiers_guild_code_key" ON "chantiers" USING btree ("guild_id","code");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "chantiers_active_idx" ON "chantiers" USING btree ("guild_id","name") WHERE "chantiers"."status" = 'actif';--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "chantiers_channel_key" ON "chantiers" USING btree ("discord_channel_id") WHERE "chantiers"."discord_channel_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "webhooks_log_idempotency_key" ON "webhooks_log" USING btree ("source","idempotency_key") WHERE idempotency_key is not null;