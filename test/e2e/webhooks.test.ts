import { createHmac } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { container } from '@sapphire/framework';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestBot, type TestBot } from '../support/bot.ts';
import { planning } from '../../plugins/planning/schema.ts';
import { tasks } from '../../plugins/tasks/schema.ts';
import { chantiers } from '../../plugins/team/schema.ts';
import { webhooksLog } from '../../plugins/webhooks/schema.ts';

const tallySecret = 'tally-signing-secret-for-tests';
const n8nSecret = 'n8n-shared-secret-0123456789';
const apiKey = 'webhooks-test-api-key-0123456789';

/** Tally's options: choices come as option ids, with the texts beside them. */
const priorityOptions = [
	{ id: '5c3f6d5b-4f3a-4c1e-9a43-7a1d2c9d1a11', text: 'normale' },
	{ id: 'b6d3b1a0-2f6e-4d8b-8f5e-3c2a1b0f9e22', text: 'haute' }
];
const tagOptions = [
	{ id: '0f1e2d3c-aaaa-4bbb-8ccc-111111111111', text: 'mécanique' },
	{ id: '0f1e2d3c-aaaa-4bbb-8ccc-222222222222', text: 'urgent' }
];

/** A FORM_RESPONSE delivery as Tally sends it. */
function formResponse(eventId: string, formId: string, fields: unknown[]) {
	return {
		eventId,
		eventType: 'FORM_RESPONSE',
		createdAt: '2026-12-01T10:00:21.889Z',
		data: {
			responseId: 'mRkXg4',
			submissionId: 'mRkXg4',
			respondentId: 'w4Dx8b',
			formId,
			formName: 'Demande d’intervention',
			createdAt: '2026-12-01T10:00:21.000Z',
			fields
		}
	};
}

const interventionFields = (title: string, assignee: string) => [
	{ key: 'question_mVGEg3', label: 'Intitulé', type: 'INPUT_TEXT', value: title },
	{ key: 'question_3EKz4n', label: 'Pour le', type: 'INPUT_DATE', value: '2030-03-15' },
	{ key: 'question_nPpRxZ', label: 'Priorité', type: 'DROPDOWN', value: [priorityOptions[1]!.id], options: priorityOptions },
	{ key: 'question_w4Q4Xn', label: 'Détails', type: 'TEXTAREA', value: null },
	{ key: 'question_3jZaa7', label: 'Étiquettes', type: 'CHECKBOXES', value: tagOptions.map((option) => option.id), options: tagOptions },
	{ key: 'question_3jZaa7_0f1e2d3c-aaaa-4bbb-8ccc-111111111111', label: 'Étiquettes (mécanique)', type: 'CHECKBOXES', value: true },
	{ key: 'question_discord', label: 'discord_id', type: 'HIDDEN_FIELDS', value: assignee }
];

const sign = (body: string, secret = tallySecret) => createHmac('sha256', secret).update(body).digest('base64');

describe('incoming webhooks: Tally and n8n', () => {
	let bot: TestBot;
	let guildId: string;
	let root: string;
	const member = (key: string) => bot.server.guild.members[key]!;
	const channelMessages = (key: string) => bot.server.state.channelMessages(bot.server.guild.channels[key]!);
	const db = () => bot.database.db;
	const logRows = (source: string) => db().select().from(webhooksLog).where(eq(webhooksLog.source, source)).orderBy(webhooksLog.id);
	const lastLogRow = async (source: string) => (await logRows(source)).at(-1)!;

	const postTally = (body: string, headers: Record<string, string> = { 'tally-signature': sign(body) }) =>
		fetch(`${root}/webhook/tally`, { method: 'POST', body, headers: { 'content-type': 'application/json', 'user-agent': 'Tally Webhooks', ...headers } });
	const postN8n = (body: unknown, headers: Record<string, string> = { 'x-webhook-secret': n8nSecret }) =>
		fetch(`${root}/webhook/n8n`, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });

	beforeAll(async () => {
		bot = await startTestBot({
			plugins: ['team', 'admin', 'tasks', 'planning', 'webhooks'],
			env: { TALLY_SIGNING_SECRET: tallySecret, N8N_WEBHOOK_SECRET: n8nSecret, API_KEYS: apiKey }
		});
		if (bot.monster.host.get('webhooks')?.status !== 'active') throw new Error(`webhooks did not load: ${bot.monster.host.get('webhooks')?.error}`);
		guildId = bot.server.guild.id;
		root = bot.monster.apiUrl.replace(/\/api$/, '');
		await db().insert(chantiers).values({ guildId, code: 'CH-WH', name: 'Atelier' });
		const schema = bot.monster.host.get('webhooks')!.manifest!.settings!;
		await container.settings.set(
			'webhooks',
			schema,
			'tallyForms',
			{
				wM4xQz: {
					create: 'task',
					title: 'Intitulé',
					description: 'question_w4Q4Xn',
					due: 'question_3EKz4n',
					priority: 'Priorité',
					tags: 'question_3jZaa7',
					assignee: 'discord_id',
					defaults: { chantier: 'CH-WH' }
				},
				n9KpLe: { create: 'planning', member: 'discord_id', start: ['Début', 'Heure de début'], end: ['Fin', 'Heure de fin'], type: 'Motif', note: 'Commentaire' }
			},
			{ guildId, actor: 'test' }
		);
	});
	afterAll(() => bot?.stop());

	describe('POST /webhook/tally', () => {
		it('answers 200 at once, then creates the task the form maps to, from the queue', async () => {
			const body = JSON.stringify(formResponse('a4cb511e-d513-4fa5-baee-b815d718dfd1', 'wM4xQz', interventionFields('Réparer la bétonnière', member('bob'))));
			const answer = await postTally(body);
			expect(answer.status).toBe(200);
			const { id, received } = (await answer.json()) as { id: number; received: boolean };
			expect(received).toBe(true);

			const [task] = await eventually(async () => {
				const rows = await db().select().from(tasks).where(eq(tasks.title, 'Réparer la bétonnière'));
				return rows.length > 0 ? rows : undefined;
			});
			expect(task).toMatchObject({ dueDate: '2030-03-15', priority: 'haute', tags: ['mécanique', 'urgent'], assigneeId: member('bob'), creatorId: bot.server.botUser.id, description: null });
			expect(task!.chantierId).not.toBeNull();

			const row = await eventually(async () => {
				const [logged] = await db().select().from(webhooksLog).where(eq(webhooksLog.id, id));
				return logged?.status === 'traite' ? logged : undefined;
			});
			expect(row).toMatchObject({ direction: 'entrant', event: 'FORM_RESPONSE', idempotencyKey: 'a4cb511e-d513-4fa5-baee-b815d718dfd1', httpStatus: 200, error: null });
			expect(row.headers).toEqual({ 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), 'user-agent': 'Tally Webhooks', 'tally-signature': 'present' });
			expect((row.payload as { data: { formId: string } }).data.formId).toBe('wM4xQz');
			expect((row.result as { created: { task: { id: string } }[] }).created[0]?.task.id).toBe(task!.id);
		});

		it('does a retried delivery (same eventId) once', async () => {
			const body = JSON.stringify(formResponse('7f0e1c2d-retry-4a5b-9c8d-000000000001', 'wM4xQz', interventionFields('Changer la courroie', member('alice'))));
			const first = (await (await postTally(body)).json()) as { id: number };
			await eventually(async () => (await db().select().from(tasks).where(eq(tasks.title, 'Changer la courroie'))).length === 1);
			const again = await postTally(body);
			expect(again.status).toBe(200);
			expect(await again.json()).toEqual({ received: true, duplicate: true, id: first.id });
			// The replay was answered after the first was processed: had it been queued again, its task would be there by now.
			await bot.monster.scheduler.runNow('webhooks.tally', { deliveryId: first.id });
			expect(await db().select().from(tasks).where(eq(tasks.title, 'Changer la courroie'))).toHaveLength(1);
		});

		it('refuses a missing, a wrong or another secret’s signature with 401, logs it, and creates nothing', async () => {
			const body = JSON.stringify(formResponse('forged-0001', 'wM4xQz', interventionFields('Tâche falsifiée', member('bob'))));
			const before = (await logRows('tally')).length;
			const missing = await postTally(body, {});
			expect(missing.status).toBe(401);
			expect(await missing.json()).toEqual({ error: 'Missing Tally-Signature header' });
			expect((await postTally(body, { 'tally-signature': 'bm90IGEgc2lnbmF0dXJl' })).status).toBe(401);
			expect((await postTally(body, { 'tally-signature': sign(body, 'someone-elses-secret') })).status).toBe(401);
			// A signature of the real secret over another body: the body was changed on the way.
			expect((await postTally(body.replace('falsifiée', 'modifiée'), { 'tally-signature': sign(body) })).status).toBe(401);

			const refused = (await logRows('tally')).slice(before);
			expect(refused.map((row) => [row.status, row.httpStatus, row.error])).toEqual([
				['refuse', 401, 'Missing Tally-Signature header'],
				['refuse', 401, 'Invalid Tally-Signature'],
				['refuse', 401, 'Invalid Tally-Signature'],
				['refuse', 401, 'Invalid Tally-Signature']
			]);
			expect(refused.every((row) => row.idempotencyKey === null && row.headers !== null)).toBe(true);
			expect((refused[0]!.headers as Record<string, string>)['tally-signature']).toBe('absent');
			expect((refused[1]!.headers as Record<string, string>)['tally-signature']).toBe('present');
			expect(JSON.stringify(refused[1]!.headers)).not.toContain('bm90IGEgc2lnbmF0dXJl');

			// A forged delivery never takes the event id: the real one, signed, is still processed.
			const real = await postTally(body);
			expect(((await real.json()) as { duplicate?: boolean }).duplicate).toBeUndefined();
			await eventually(async () => (await db().select().from(tasks).where(eq(tasks.title, 'Tâche falsifiée'))).length === 1);
			expect(await db().select().from(tasks).where(eq(tasks.title, 'Tâche modifiée'))).toHaveLength(0);
		});

		it('creates a planning entry for a form mapped to the planning, dates and hours read in the server’s zone', async () => {
			const body = JSON.stringify(
				formResponse('c0ffee00-plan-4000-8000-000000000001', 'n9KpLe', [
					{ key: 'question_member', label: 'discord_id', type: 'HIDDEN_FIELDS', value: member('chloe') },
					{ key: 'question_start', label: 'Début', type: 'INPUT_DATE', value: '2030-04-08' },
					{ key: 'question_start_time', label: 'Heure de début', type: 'INPUT_TIME', value: '07:30' },
					{ key: 'question_end', label: 'Fin', type: 'INPUT_DATE', value: '2030-04-08' },
					{ key: 'question_end_time', label: 'Heure de fin', type: 'INPUT_TIME', value: '16:00' },
					{ key: 'question_type', label: 'Motif', type: 'MULTIPLE_CHOICE', value: ['opt-formation'], options: [{ id: 'opt-formation', text: 'Formation' }] },
					{ key: 'question_note', label: 'Commentaire', type: 'TEXTAREA', value: 'CACES R482' }
				])
			);
			expect((await postTally(body)).status).toBe(200);
			const [entry] = await eventually(async () => {
				const rows = await db().select().from(planning).where(eq(planning.userId, member('chloe')));
				return rows.length > 0 ? rows : undefined;
			});
			// 07:30 and 16:00 in Paris (summer time, UTC+2).
			expect(entry).toMatchObject({ type: 'formation', startsAt: new Date('2030-04-08T05:30:00Z'), endsAt: new Date('2030-04-08T14:00:00Z'), note: 'CACES R482', createdBy: bot.server.botUser.id });
		});

		it('records a response it cannot use, and tells the server’s log channel what to fix', async () => {
			const unmapped = JSON.stringify(formResponse('unmapped-0001', 'zzZZzz', interventionFields('Formulaire inconnu', member('bob'))));
			expect((await postTally(unmapped)).status).toBe(200);
			const row = await eventually(async () => {
				const last = await lastLogRow('tally');
				return last.idempotencyKey === 'unmapped-0001' && last.status === 'echec' ? last : undefined;
			});
			expect(row.error).toBe('no server maps Tally form zzZZzz (setting tallyForms)');

			const logsBefore = channelMessages('logs').length;
			const untitled = JSON.stringify(formResponse('untitled-0001', 'wM4xQz', interventionFields('', member('bob'))));
			expect((await postTally(untitled)).status).toBe(200);
			const notice = await eventually(() => channelMessages('logs').slice(logsBefore).find((message) => message.embeds?.[0]?.title?.includes('Réponse Tally')));
			expect(notice.embeds![0]!.title).toBe('⚠️ Réponse Tally non enregistrée');
			expect(notice.embeds![0]!.description).toContain('Demande d’intervention');
			const failed = await lastLogRow('tally');
			expect(failed).toMatchObject({ idempotencyKey: 'untitled-0001', status: 'echec' });
			expect(failed.error).toMatch(/intitulé|titre|title/i);
		});

		it('answers 400 to a signed body that is not a Tally delivery, listing the bad fields', async () => {
			const notJson = '{"eventId": ';
			const malformed = await postTally(notJson);
			expect(malformed.status).toBe(400);
			const missingFields = JSON.stringify({ eventId: 'x-1', eventType: 'FORM_RESPONSE', data: { formId: 'wM4xQz' } });
			const invalid = await postTally(missingFields);
			expect(invalid.status).toBe(400);
			expect(((await invalid.json()) as { issues: { path: string }[] }).issues.map((issue) => issue.path)).toEqual(['data.fields']);
			expect((await logRows('tally')).slice(-2).map((row) => row.status)).toEqual(['refuse', 'refuse']);
		});

		it('cuts off a chunked body past 1 MB while reading it (413)', async () => {
			const status = await new Promise<number>((resolve, reject) => {
				const request = httpRequest(`${root}/webhook/tally`, { method: 'POST', headers: { 'content-type': 'application/json', 'tally-signature': 'x' } }, (response) => {
					resolve(response.statusCode ?? 0);
					response.resume();
				});
				request.on('error', (error) => (request.writableEnded ? undefined : reject(error)));
				const chunk = Buffer.alloc(64 * 1024, 'a');
				let sent = 0;
				const pump = () => {
					while (sent < 40) {
						sent += 1;
						if (!request.write(chunk)) return void request.once('drain', pump);
					}
					request.end();
				};
				pump();
			});
			expect(status).toBe(413);
			expect(await lastLogRow('tally')).toMatchObject({ status: 'refuse', httpStatus: 413 });
		});

		it('answers 503 and says why while its secret is unset, accepting nothing', async () => {
			const body = JSON.stringify(formResponse('unsigned-0001', 'wM4xQz', interventionFields('Sans secret', member('bob'))));
			const saved = container.config.TALLY_SIGNING_SECRET;
			container.config.TALLY_SIGNING_SECRET = undefined;
			try {
				const answer = await postTally(body);
				expect(answer.status).toBe(503);
				expect(await answer.json()).toEqual({ error: 'Tally receiver not configured: TALLY_SIGNING_SECRET is not set' });
			} finally {
				container.config.TALLY_SIGNING_SECRET = saved;
			}
			expect(await lastLogRow('tally')).toMatchObject({ status: 'refuse', httpStatus: 503 });
		});
	});

	describe('POST /webhook/n8n', () => {
		it('refuses a missing or wrong secret with 401 and an unset one with 503, without acting', async () => {
			const before = channelMessages('general').length;
			const body = { action: 'message', channel: 'général', content: 'jamais envoyé' };
			expect((await postN8n(body, {})).status).toBe(401);
			expect((await postN8n(body, { 'x-webhook-secret': 'wrong-secret-wrong-secret' })).status).toBe(401);
			const saved = container.config.N8N_WEBHOOK_SECRET;
			container.config.N8N_WEBHOOK_SECRET = undefined;
			try {
				expect((await postN8n(body)).status).toBe(503);
			} finally {
				container.config.N8N_WEBHOOK_SECRET = saved;
			}
			expect((await logRows('n8n')).map((row) => [row.status, row.httpStatus])).toEqual([
				['refuse', 401],
				['refuse', 401],
				['refuse', 503]
			]);
			expect(channelMessages('general').length).toBe(before);
		});

		it('sends a message and an embed, answering their ids so the workflow can chain', async () => {
			const sent = await postN8n({ action: 'message', channel: 'général', content: 'Livraison de béton à 14h @everyone' });
			expect(sent.status).toBe(201);
			const { message } = (await sent.json()) as { message: { id: string; channelId: string } };
			const stored = channelMessages('general').find((candidate) => candidate.id === message.id);
			expect(stored?.content).toBe('Livraison de béton à 14h @everyone');
			expect(message.channelId).toBe(bot.server.guild.channels.general);

			const embed = await postN8n({
				action: 'embed',
				channel: bot.server.guild.channels.site,
				embed: { kind: 'warning', title: 'Alerte météo', description: 'Vent fort demain', fields: [{ name: 'Rafales', value: '90 km/h' }] }
			});
			expect(embed.status).toBe(201);
			const embedId = ((await embed.json()) as { message: { id: string } }).message.id;
			const posted = channelMessages('site').find((candidate) => candidate.id === embedId);
			expect(posted?.embeds?.[0]).toMatchObject({ title: '⚠️ Alerte météo', description: 'Vent fort demain', fields: [{ name: 'Rafales', value: '90 km/h' }] });
		});

		it('creates a task and a planning entry, answering them', async () => {
			const task = await postN8n({ action: 'task', title: 'Commander les étais', due: '2030-05-02', priority: 'urgente', chantier: 'ch-wh', assigneeId: member('alice') });
			expect(task.status).toBe(201);
			const created = (await task.json()) as { id: number; action: string; task: { id: string; chantier: string; dueDate: string } };
			expect(created).toMatchObject({ action: 'task', task: { chantier: 'CH-WH', dueDate: '2030-05-02' } });
			const [row] = await db().select().from(tasks).where(eq(tasks.id, created.task.id));
			expect(row).toMatchObject({ title: 'Commander les étais', priority: 'urgente', assigneeId: member('alice') });

			const entry = await postN8n({ action: 'planning', member: `<@${member('bob')}>`, type: 'congés', start: '2030-07-01', end: '2030-07-05' });
			expect(entry.status).toBe(201);
			const planned = (await entry.json()) as { entry: { id: string; type: string; allDay: boolean } };
			expect(planned.entry).toMatchObject({ type: 'conges', allDay: true });
			const overlap = await postN8n({ action: 'planning', member: member('bob'), type: 'chantier', start: '2030-07-02 08:00', end: '2030-07-02 12:00' });
			expect(overlap.status).toBe(409);
			const clash = (await overlap.json()) as { problems: { code: string; clashes: { id: string }[] }[] };
			expect(clash.problems[0]).toMatchObject({ code: 'clash', clashes: [{ id: planned.entry.id }] });
			expect(await lastLogRow('n8n')).toMatchObject({ status: 'echec', httpStatus: 409 });
		});

		it('answers 400 listing each bad field, and what the task plugin refuses', async () => {
			const invalid = await postN8n({ action: 'message', content: 42 });
			expect(invalid.status).toBe(400);
			const { issues } = (await invalid.json()) as { issues: { path: string }[] };
			expect(issues.map((issue) => issue.path).sort()).toEqual(['channel', 'content']);
			expect((await postN8n({ action: 'teleport' })).status).toBe(400);
			expect((await postN8n('{"action": "message"')).status).toBe(400);
			const noChannel = await postN8n({ action: 'message', channel: 'nulle-part', content: 'x' });
			expect(noChannel.status).toBe(400);
			expect(((await noChannel.json()) as { issues: { path: string }[] }).issues[0]?.path).toBe('channel');
			const refused = await postN8n({ action: 'task', title: '', due: 'hier' });
			expect(refused.status).toBe(400);
			expect(((await refused.json()) as { problems: { code: string }[] }).problems.map((problem) => problem.code)).toEqual(['titleRequired', 'dueInPast']);
		});

		it('does a delivery sent again with the same eventId once, answering as the first time', async () => {
			const body = { action: 'message', channel: 'général', content: 'Réunion de chantier à 8h', eventId: 'n8n-exec-4521-node-3' };
			const first = await postN8n(body);
			const firstAnswer = (await first.json()) as { id: number; message: { id: string } };
			const again = await postN8n(body);
			expect(again.status).toBe(201);
			expect(await again.json()).toEqual({ ...firstAnswer, duplicate: true });
			expect(channelMessages('general').filter((message) => message.content === 'Réunion de chantier à 8h')).toHaveLength(1);
		});
	});
});
