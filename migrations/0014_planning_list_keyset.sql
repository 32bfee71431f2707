-- The week and month views of the planning read every entry of the range (and planning_guild_ends_idx
-- every entry ending after its start, the future included) before sorting them. They now read a page at
-- a time in (start, id) order: planning_guild_starts_idx holds that order for the entries starting in the
-- range or the day before, and the small planning_long_ends_idx the entries longer than a day (congés),
-- the only ones starting earlier that still overlap. stats_globales counts the entries running today in
-- every guild: planning_ends_idx, without the guild, serves it.
DROP INDEX IF EXISTS "planning_guild_ends_idx";--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "planning_ends_idx" ON "planning" USING btree ("ends_at") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "planning_guild_starts_idx" ON "planning" USING btree ("guild_id","starts_at","id") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "planning_long_ends_idx" ON "planning" USING btree ("guild_id","ends_at") WHERE deleted_at is null and ends_at - starts_at > interval '1 day';
