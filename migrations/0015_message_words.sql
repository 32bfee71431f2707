-- The search's typo fallback (a word no message holds) compared the typed words with every message through
-- messages_content_unaccent_trgm_idx: at 5M messages the index returned every message holding a similar
-- word and the fallback took 280 ms, and that index was most of the cost of writing messages. The
-- fallback now looks the typed words up in message_words, the distinct words of the log (lower case,
-- without accents, 3 to 40 letters), and searches the messages for the similar words found through the
-- word index (messages_content_fts_idx), newest first. A statement-level trigger adds each insert's or
-- update's new words, in one statement per batch the message log writes (sorted, so two writers take
-- their locks in the same order).
CREATE TABLE IF NOT EXISTS "message_words" (
	"word" text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
DROP INDEX IF EXISTS "messages_content_unaccent_trgm_idx";--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "message_words_trgm_idx" ON "message_words" USING gin ("word" gin_trgm_ops);--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.add_message_words() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO public.message_words (word)
	SELECT DISTINCT word
	FROM changed_messages, regexp_split_to_table(lower(public.immutable_unaccent(changed_messages.content)), '[^[:alpha:]]+') AS word
	WHERE changed_messages.content IS NOT NULL AND length(word) BETWEEN 3 AND 40
	ORDER BY word
	ON CONFLICT DO NOTHING;
	RETURN NULL;
END $$;--> statement-breakpoint
CREATE OR REPLACE TRIGGER messages_words_insert AFTER INSERT ON messages
	REFERENCING NEW TABLE AS changed_messages FOR EACH STATEMENT EXECUTE FUNCTION public.add_message_words();--> statement-breakpoint
CREATE OR REPLACE TRIGGER messages_words_update AFTER UPDATE ON messages
	REFERENCING NEW TABLE AS changed_messages FOR EACH STATEMENT EXECUTE FUNCTION public.add_message_words();--> statement-breakpoint
INSERT INTO message_words (word)
SELECT DISTINCT word
FROM messages, regexp_split_to_table(lower(public.immutable_unaccent(messages.content)), '[^[:alpha:]]+') AS word
WHERE messages.content IS NOT NULL AND length(word) BETWEEN 3 AND 40
ON CONFLICT DO NOTHING;
