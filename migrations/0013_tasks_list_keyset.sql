-- /taches lists open tasks most urgent first (priority, due date with none last, age): no index held that
-- order, so every page sorted all of a guild's open tasks (13 ms at 50k). tasks_open_urgency_idx holds it
-- as one ascending key, so a page reads its own rows only and the next page starts after the last one's
-- key. Done tasks are paged by (completed_at, id): the id joins their index to break ties.
CREATE INDEX IF NOT EXISTS "tasks_open_urgency_idx" ON "tasks" USING btree ("guild_id",(case "priority" when 'urgente' then 0 when 'haute' then 1 when 'normale' then 2 else 3 end),coalesce("due_date", 'infinity'::date),"created_at","id") WHERE status in ('a_faire', 'en_cours', 'en_attente');--> statement-breakpoint
DO $$ BEGIN
	IF EXISTS (SELECT 1 FROM pg_indexes WHERE schemaname = 'public' AND indexname = 'tasks_completed_at_idx' AND indexdef NOT LIKE '%(completed_at, id)%') THEN
		DROP INDEX "tasks_completed_at_idx";
	END IF;
END $$;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "tasks_completed_at_idx" ON "tasks" USING btree ("completed_at","id") WHERE completed_at is not null;
