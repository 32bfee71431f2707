-- Chantiers are created by the admin plugin (/creerchantier) and archived or brought back
-- (/archiverchantier, /desarchiverchantier).
-- Codes are unique per guild in any case: members type `ch-017` for `CH-017`. Codes that already
-- differ only by case keep the oldest as is; the others get the start of their id appended.
UPDATE "chantiers" AS "later" SET "code" = "later"."code" || '-' || left("later"."id"::text, 8)
WHERE EXISTS (
	SELECT 1 FROM "chantiers" AS "earlier"
	WHERE "earlier"."guild_id" = "later"."guild_id" AND lower("earlier"."code") = lower("later"."code")
		AND ("earlier"."created_at", "earlier"."id") < ("later"."created_at", "later"."id")
);--> statement-breakpoint
DROP INDEX IF EXISTS "chantiers_guild_code_key";--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "chantiers_guild_code_key" ON "chantiers" USING btree ("guild_id",lower("code"));--> statement-breakpoint
-- actif ⇄ en_pause → termine as before; any of them may be archived, and unarchiving gives back the
-- status it had (the admin plugin remembers it).
CREATE OR REPLACE TRIGGER chantiers_status_lifecycle BEFORE UPDATE OF status ON chantiers
FOR EACH ROW EXECUTE FUNCTION enforce_status_transition(
	'actif>en_pause', 'en_pause>actif', 'actif>termine', 'en_pause>termine',
	'actif>archive', 'en_pause>archive', 'termine>archive', 'archive>actif', 'archive>en_pause', 'archive>termine'
);
