-- user_stats holds what monitoring counts from its own message log: tasks figures for /stats now come
-- from the tasks plugin (its memberStats contribution), so monitoring no longer reads the tasks table.
ALTER TABLE "user_stats" DROP COLUMN IF EXISTS "tasks_created";--> statement-breakpoint
ALTER TABLE "user_stats" DROP COLUMN IF EXISTS "tasks_done";
