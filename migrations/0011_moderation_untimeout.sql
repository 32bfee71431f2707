-- /untimeout opens a case of its own ("fin_exclusion"); IF NOT EXISTS lets the migration run twice.
ALTER TYPE "public"."moderation_action" ADD VALUE IF NOT EXISTS 'fin_exclusion' BEFORE 'expulsion';
