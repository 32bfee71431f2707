-- Search ignores accents: members type "beton" for "béton". unaccent() is only STABLE (its dictionary
-- could change), so an IMMUTABLE wrapper naming the dictionary lets an index use it. Names are
-- schema-qualified: PostgreSQL 17+ builds indexes with a restricted search_path.
CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public;--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.immutable_unaccent(value text) RETURNS text
	LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
	AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, value) $$;
