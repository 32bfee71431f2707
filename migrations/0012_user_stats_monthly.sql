-- Dashboards' totals stay cheap as the history grows, and are cached until a write they summarise commits.
-- user_stats gains a row per member and day forever: the nightly maintenance now adds daily rows older
-- than the retention into one row per member and month (user_stats_monthly), so the totals read about
-- members × retention days rows plus members × months, instead of members × every day since the start.
CREATE TABLE IF NOT EXISTS "user_stats_monthly" (
	"guild_id" text NOT NULL,
	"user_id" text NOT NULL,
	"month" date NOT NULL,
	"messages" integer DEFAULT 0 NOT NULL,
	"active_seconds" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "user_stats_monthly_pkey" PRIMARY KEY("guild_id","user_id","month")
);--> statement-breakpoint
-- Moves daily rows of days before current_date - keep_days into their month's row (added to what an
-- earlier night moved there), in one statement: a row is either daily or counted in its month, never both.
CREATE OR REPLACE FUNCTION roll_up_old_user_stats(keep_days integer) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
	moved integer;
BEGIN
	IF keep_days IS NULL OR keep_days < 1 THEN
		RAISE EXCEPTION 'roll_up_old_user_stats: keep_days must be at least 1, got %', keep_days
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	WITH old AS (
		DELETE FROM user_stats WHERE day < current_date - keep_days
		RETURNING guild_id, user_id, day, messages, active_seconds
	), per_month AS (
		INSERT INTO user_stats_monthly (guild_id, user_id, month, messages, active_seconds)
		SELECT guild_id, user_id, date_trunc('month', day)::date, sum(messages), sum(active_seconds)
		FROM old GROUP BY 1, 2, 3
		ON CONFLICT (guild_id, user_id, month) DO UPDATE SET
			messages = user_stats_monthly.messages + excluded.messages,
			active_seconds = user_stats_monthly.active_seconds + excluded.active_seconds
		RETURNING 1
	)
	SELECT count(*) INTO moved FROM old;
	RETURN moved;
END
$$;--> statement-breakpoint
-- Same figures as 0003's view; the message total now adds the monthly rows.
CREATE OR REPLACE VIEW stats_globales AS
SELECT
	((SELECT coalesce(sum(messages), 0) FROM user_stats) + (SELECT coalesce(sum(messages), 0) FROM user_stats_monthly))::bigint AS messages_total,
	(SELECT count(*) FROM messages WHERE created_at >= now() - interval '24 hours' AND deleted_at IS NULL) AS messages_last_24h,
	(SELECT count(DISTINCT user_id) FROM user_stats WHERE day > current_date - 7 AND messages > 0) AS active_members_7d,
	(SELECT count(*) FROM tasks WHERE status IN ('a_faire', 'en_cours', 'en_attente')) AS open_tasks,
	(SELECT count(*) FROM tasks WHERE status IN ('a_faire', 'en_cours', 'en_attente') AND due_date < current_date) AS overdue_tasks,
	(SELECT count(*) FROM tasks WHERE status = 'terminee') AS done_tasks,
	(SELECT count(*) FROM chantiers WHERE status = 'actif') AS active_chantiers,
	(SELECT count(*) FROM planning
		WHERE deleted_at IS NULL AND status <> 'annule' AND starts_at < current_date + 1 AND ends_at > current_date) AS planning_today,
	(SELECT count(*) FROM moderation_cases WHERE created_at >= now() - interval '30 days') AS moderation_cases_30d;--> statement-breakpoint
-- Every committed write to a table the figures summarise notifies `figures_changed` with the table's
-- name (core/figures.ts drops the figures built from it). Once per statement, not per row: a batch of
-- 1000 logged messages is one notification, and PostgreSQL sends it only if the transaction commits.
CREATE OR REPLACE FUNCTION notify_figures_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	PERFORM pg_notify('figures_changed', TG_TABLE_NAME);
	RETURN NULL;
END
$$;--> statement-breakpoint
DO $$
DECLARE
	table_name text;
BEGIN
	FOREACH table_name IN ARRAY ARRAY[
		'messages', 'user_stats', 'user_stats_monthly', 'tasks', 'planning', 'chantiers', 'moderation_cases'
	] LOOP
		EXECUTE format(
			'CREATE OR REPLACE TRIGGER figures_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION notify_figures_changed()',
			table_name
		);
	END LOOP;
END
$$;
