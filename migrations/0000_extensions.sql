CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS "uuid-ossp";--> statement-breakpoint
-- pg_stat_statements exists only where the server ships it (not in PGlite): skip cleanly elsewhere.
DO $$
BEGIN
	CREATE EXTENSION IF NOT EXISTS pg_stat_statements;
EXCEPTION WHEN others THEN
	RAISE NOTICE 'pg_stat_statements not available: %', SQLERRM;
END
$$;
