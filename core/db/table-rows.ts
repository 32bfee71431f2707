// A raw statement's rows (`db.execute`) read as the query builder reads a table's rows.
import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';

/** Every column of `table`, as a `RETURNING` or select list whose rows `tableRows` reads. */
export function allColumns(table: PgTable): SQL {
	return sql.join(
		Object.values(getTableColumns(table)).map((column) => sql.identifier(column.name)),
		sql`, `
	);
}

/**
 * The rows of `db.execute(sql\`… RETURNING ${allColumns(table)}\`)` as `db.select().from(table)` returns them:
 * property names and values decoded by each column (dates as `Date`, …). node-postgres and PGlite both return `rows`.
 */
export function tableRows<Table extends PgTable>(table: Table, result: unknown): Table['$inferSelect'][] {
	const columns = Object.entries(getTableColumns(table));
	return (result as { rows: Record<string, unknown>[] }).rows.map((raw) => {
		const row: Record<string, unknown> = {};
		for (const [key, column] of columns) {
			const value = raw[column.name];
			row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
		}
		return row as Table['$inferSelect'];
	});
}
