-- Search by French words, accents ignored. The trigram index (0005) returned every message holding a
-- similar word — 148k rows for "beton" in 1M messages — then scored and sorted them all, so common words
-- took seconds and grew faster than the table. Full-text search matches word forms exactly ("livraisons"
-- and "livraison" share the stem "livraison"), its GIN index intersects the words' posting lists, and the
-- planner's per-word statistics let it read the newest messages backwards through messages_created_at_idx
-- for frequent words, stopping at a page: the cost follows the page, not the number of matches.
-- fr_unaccent is the built-in french configuration with unaccent before the stemmer ("béton", "beton"
-- and "BÉTON" give one lexeme); it works the same on PostgreSQL and on PGlite, which bundles both.
DO $$ BEGIN
	IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'fr_unaccent' AND cfgnamespace = 'public'::regnamespace) THEN
		CREATE TEXT SEARCH CONFIGURATION public.fr_unaccent (COPY = pg_catalog.french);
	END IF;
END $$;--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION public.fr_unaccent ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, pg_catalog.french_stem;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "messages_content_fts_idx" ON "messages" USING gin (to_tsvector('public.fr_unaccent'::regconfig, coalesce("content", '')));
