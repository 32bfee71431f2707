import { sql, type SQL } from 'drizzle-orm';
import type { MessageMetadata } from '../schema.ts';
import type { MessageRow } from './row.ts';

/*
 * Each statement takes its whole batch as one JSON parameter, expanded server-side by json_to_recordset:
 * a batch of any size is one statement with one parameter, which PostgreSQL parses and plans once, and
 * Node.js only runs JSON.stringify. On these machines this is as fast as COPY of the same batch (the
 * trigram index dominates the cost of either) and about twice as fast as a multi-row VALUES list.
 */

/** Inserts new messages; a message already stored (a replayed event, a retried batch) is left as it is. */
export function insertMessages(rows: readonly MessageRow[]): SQL {
	const records = rows.map((row) => ({
		message_id: row.messageId,
		guild_id: row.guildId,
		channel_id: row.channelId,
		author_id: row.authorId,
		author_is_bot: row.authorIsBot,
		content: row.content,
		metadata: row.metadata,
		created_at: row.createdAt,
		edited_at: row.editedAt
	}));
	return sql`insert into messages (message_id, guild_id, channel_id, author_id, author_is_bot, content, metadata, created_at, edited_at)
		select message_id, guild_id, channel_id, author_id, author_is_bot, content, metadata, created_at, edited_at
		from json_to_recordset(${JSON.stringify(records)}::json) as r(
			message_id text, guild_id text, channel_id text, author_id text, author_is_bot boolean, content text,
			metadata jsonb, created_at timestamptz, edited_at timestamptz
		)
		on conflict (message_id) do nothing`;
}

export interface MessageEdit {
	messageId: string;
	content: string | null;
	/** Null for updates Discord sends without an edit, such as link previews being added. */
	editedAt: Date | null;
	/** Replaces the stored attachments, embeds and mentions (an edit can remove them); `edits` grows instead. */
	metadata: Omit<MessageMetadata, 'edits'>;
}

/**
 * Applies edits, at most one per message (the writer splits repeated edits of a message into rounds).
 * The replaced content goes to `metadata.edits` only when the content really changed. An edit not newer
 * than the stored one is skipped, so retrying a batch that was in fact committed adds no history twice.
 */
export function applyEdits(edits: readonly MessageEdit[]): SQL {
	return sql`update messages m set
			content = e.content,
			edited_at = coalesce(e.edited_at, m.edited_at),
			metadata = (m.metadata - array['attachments', 'embeds', 'mentions']) || e.metadata || case
				when m.content is distinct from e.content then jsonb_build_object(
					'edits',
					coalesce(m.metadata -> 'edits', '[]'::jsonb)
						|| jsonb_build_array(jsonb_build_object('content', m.content, 'editedAt', e.edited_at))
				)
				else '{}'::jsonb
			end
		from json_to_recordset(${JSON.stringify(
			edits.map((edit) => ({ message_id: edit.messageId, content: edit.content, edited_at: edit.editedAt, metadata: edit.metadata }))
		)}::json) as e(message_id text, content text, edited_at timestamptz, metadata jsonb)
		where m.message_id = e.message_id
			and (e.edited_at is null or m.edited_at is null or m.edited_at < e.edited_at)`;
}

export interface MessageDeletion {
	messageId: string;
	deletedAt: Date;
}

/** Marks messages deleted; the row stays until retention removes it. */
export function markDeleted(deletions: readonly MessageDeletion[]): SQL {
	return sql`update messages m set deleted_at = d.deleted_at
		from json_to_recordset(${JSON.stringify(
			deletions.map((deletion) => ({ message_id: deletion.messageId, deleted_at: deletion.deletedAt }))
		)}::json) as d(message_id text, deleted_at timestamptz)
		where m.message_id = d.message_id and m.deleted_at is null`;
}
