/** The members plugin's logic: the welcome text, the export file, the erasure's summary. No Discord types. */
import { gzipSync } from 'node:zlib';
import { labelled, type Locale, type MemberRef } from '#core/plugin-kit.ts';
import type { MemberDataReport } from '#core/member-data.ts';

/** `{membre}` and `{règles}` (also `{regles}`) replaced; other braces left as typed. */
export function welcomeText(template: string, member: string, rules: string): string {
	return template.replaceAll('{membre}', member).replace(/\{r[eè]gles\}/g, rules);
}

/** Discord refuses bigger attachments from bots on servers without boosts. */
const attachmentLimit = 8 * 1024 * 1024;

/** The export as a file: JSON, gzipped when it would be too big for Discord. */
export function exportFile(member: MemberRef, report: MemberDataReport<unknown>, now: Date): { name: string; data: Buffer } {
	const json = JSON.stringify({ member: { id: member.userId, guildId: member.guildId }, exportedAt: now.toISOString(), plugins: report.results, failed: report.failed }, null, 2);
	const data = Buffer.from(json, 'utf8');
	const name = `donnees-${member.userId}-${now.toISOString().slice(0, 10)}.json`;
	return data.length <= attachmentLimit ? { name, data } : { name: `${name}.gz`, data: gzipSync(data) };
}

/** One line per plugin, e.g. `**tasks** : tasks_deleted 2, tasks_unassigned 1` (`**tasks**: …` in English); counts at zero are left out. */
export function erasureLines(results: Record<string, Record<string, number>>, nothing: string, locale: Locale): string {
	return Object.entries(results)
		.map(([plugin, counts]) => {
			const done = Object.entries(counts).filter(([, count]) => count > 0);
			return labelled(`**${plugin}**`, done.length > 0 ? done.map(([table, count]) => `${table} ${count}`).join(', ') : nothing, locale);
		})
		.join('\n');
}
