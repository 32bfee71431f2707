-- Hand-written part of the data layer: what drizzle-kit cannot express.
-- Every statement can run twice (CREATE OR REPLACE, IF NOT EXISTS): core/db/migrations.test.ts re-runs them.

-- updated_at is bumped by the database, so no code path can forget it. A no-op update keeps the old value.
CREATE OR REPLACE FUNCTION set_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	IF NEW IS DISTINCT FROM OLD THEN
		NEW.updated_at := now();
	END IF;
	RETURN NEW;
END
$$;--> statement-breakpoint
-- Every table with an updated_at column; a test fails when a new one is missing here.
DO $$
DECLARE
	table_name text;
BEGIN
	FOREACH table_name IN ARRAY ARRAY[
		'bot_config', 'plugin_data', 'chantiers', 'tasks', 'planning', 'user_stats', 'moderation_cases', 'webhooks_log'
	] LOOP
		EXECUTE format(
			'CREATE OR REPLACE TRIGGER set_updated_at BEFORE UPDATE ON %I FOR EACH ROW EXECUTE FUNCTION set_updated_at()',
			table_name
		);
	END LOOP;
END
$$;--> statement-breakpoint
-- Status workflows: the trigger's arguments list the allowed 'from>to' moves; anything else is refused.
CREATE OR REPLACE FUNCTION enforce_status_transition() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	IF NEW.status IS DISTINCT FROM OLD.status AND NOT (OLD.status::text || '>' || NEW.status::text) = ANY (TG_ARGV) THEN
		RAISE EXCEPTION '%: status % cannot become %', TG_TABLE_NAME, OLD.status, NEW.status
			USING ERRCODE = 'check_violation';
	END IF;
	RETURN NEW;
END
$$;--> statement-breakpoint
-- prevu → confirme → termine, and annule from prevu or confirme.
CREATE OR REPLACE TRIGGER planning_status_workflow BEFORE UPDATE OF status ON planning
FOR EACH ROW EXECUTE FUNCTION enforce_status_transition('prevu>confirme', 'prevu>annule', 'confirme>termine', 'confirme>annule');--> statement-breakpoint
-- actif ⇄ en_pause → termine → archive.
CREATE OR REPLACE TRIGGER chantiers_status_lifecycle BEFORE UPDATE OF status ON chantiers
FOR EACH ROW EXECUTE FUNCTION enforce_status_transition('actif>en_pause', 'en_pause>actif', 'actif>termine', 'en_pause>termine', 'termine>archive');--> statement-breakpoint
-- completed_at follows the status, so "tasks done per day" in user_stats cannot drift from the tasks.
CREATE OR REPLACE FUNCTION tasks_track_completion() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	IF NEW.status = 'terminee' THEN
		IF TG_OP = 'INSERT' OR OLD.status <> 'terminee' THEN
			NEW.completed_at := coalesce(NEW.completed_at, now());
		END IF;
	ELSE
		NEW.completed_at := NULL;
	END IF;
	RETURN NEW;
END
$$;--> statement-breakpoint
CREATE OR REPLACE TRIGGER tasks_track_completion BEFORE INSERT OR UPDATE OF status ON tasks
FOR EACH ROW EXECUTE FUNCTION tasks_track_completion();--> statement-breakpoint
-- Retention: the only hard delete of messages. Refuses days < 1, which would wipe the whole log.
CREATE OR REPLACE FUNCTION cleanup_old_messages(days integer) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
	deleted integer;
BEGIN
	IF days IS NULL OR days < 1 THEN
		RAISE EXCEPTION 'cleanup_old_messages: days must be at least 1, got %', days
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	DELETE FROM messages WHERE created_at < now() - days * interval '1 day';
	GET DIAGNOSTICS deleted = ROW_COUNT;
	RETURN deleted;
END
$$;--> statement-breakpoint
-- Totals for the dashboard and GET /stats. Message totals come from user_stats (as fresh as the last
-- roll-up) so the view never counts the whole message log; the last 24 hours are read live.
CREATE OR REPLACE VIEW stats_globales AS
SELECT
	(SELECT coalesce(sum(messages), 0) FROM user_stats)::bigint AS messages_total,
	(SELECT count(*) FROM messages WHERE created_at >= now() - interval '24 hours' AND deleted_at IS NULL) AS messages_last_24h,
	(SELECT count(DISTINCT user_id) FROM user_stats WHERE day > current_date - 7 AND messages > 0) AS active_members_7d,
	(SELECT count(*) FROM tasks WHERE status IN ('a_faire', 'en_cours', 'en_attente')) AS open_tasks,
	(SELECT count(*) FROM tasks WHERE status IN ('a_faire', 'en_cours', 'en_attente') AND due_date < current_date) AS overdue_tasks,
	(SELECT count(*) FROM tasks WHERE status = 'terminee') AS done_tasks,
	(SELECT count(*) FROM chantiers WHERE status = 'actif') AS active_chantiers,
	(SELECT count(*) FROM planning
		WHERE deleted_at IS NULL AND status <> 'annule' AND starts_at < current_date + 1 AND ends_at > current_date) AS planning_today,
	(SELECT count(*) FROM moderation_cases WHERE created_at >= now() - interval '30 days') AS moderation_cases_30d;
