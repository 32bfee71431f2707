import { createHash } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { container } from '@sapphire/framework';
import { Validator } from '@seriousme/openapi-schema-validator';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiKeys } from '../../core/db/schema.ts';
import { chantiers } from '../../plugins/team/schema.ts';
import { eventually, startTestBot, withCommandOpenToEveryone, type TestBot } from '../support/bot.ts';

/** The previous bot's paths served by their plugins, with keys and scopes, checked input and the body limit. */

const adminKey = 'http-api-admin-key-0123456789';
const readKey = 'http-api-read-key-0123456789';
const writeKey = 'http-api-write-key-0123456789';
/** Used by the rate limit test only, so its window starts empty. */
const limitedKey = 'http-api-limited-key-0123456789';

describe('HTTP API: the previous bot\'s paths', () => {
	let bot: TestBot;
	let root: string;
	const call = (path: string, { key = adminKey, method = 'GET', body }: { key?: string | null; method?: string; body?: unknown } = {}) =>
		fetch(`${root}${path}`, {
			method,
			headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
			...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) })
		});
	const issuesOf = async (response: Response) => ((await response.json()) as { issues: { in: string; path: string }[] }).issues.map((issue) => `${issue.in}:${issue.path}`);

	beforeAll(async () => {
		bot = await startTestBot({
			plugins: ['team', 'admin', 'tasks', 'planning', 'monitoring', 'webhooks'],
			env: { API_KEYS: `${adminKey},${readKey}:read,${writeKey}:read,write,${limitedKey}:read` }
		});
		root = bot.monster.apiUrl.replace(/\/api$/, '');
	});
	afterAll(() => bot?.stop());

	it('refuses a missing or unknown key (401) and a key without the route\'s scope (403)', async () => {
		for (const path of ['/stats', '/api/discord/users', '/api/discord/channels', '/api/logs']) {
			expect((await call(path, { key: null })).status, path).toBe(401);
			expect((await call(path, { key: 'not-a-key-not-a-key-not-a-key' })).status, path).toBe(401);
		}
		const missing = await call('/stats', { key: null });
		expect(missing.headers.get('www-authenticate')).toBe('Bearer');
		// The scheme is case-insensitive (RFC 9110), whatever the spaces after it.
		const asSent = (headers: Record<string, string>) => fetch(`${root}/stats`, { headers });
		expect((await asSent({ authorization: `bearer ${readKey}` })).status).toBe(200);
		expect((await asSent({ authorization: `BEARER  ${readKey}` })).status).toBe(200);
		for (const path of ['/api/discord/task', '/api/discord/planning', '/api/discord/message', '/api/discord/embed']) {
			const refused = await call(path, { key: readKey, method: 'POST', body: {} });
			expect(refused.status, path).toBe(403);
			expect(await refused.json()).toEqual({ error: 'Forbidden: this key lacks the "write" scope' });
		}
		expect((await call('/api/logs', { key: writeKey })).status).toBe(403);
	});

	it('GET /stats answers what GET /api/stats does', async () => {
		const [rooted, api] = await Promise.all([call('/stats', { key: readKey }), call('/api/stats', { key: readKey })]);
		expect(rooted.status).toBe(200);
		const totals = await rooted.json();
		expect(totals).toEqual(await api.json());
		expect(totals).toHaveProperty('openTasks');
	});

	it('POST /api/discord/task creates a task; each bad field is listed; malformed JSON is a 400', async () => {
		const created = await call('/api/discord/task', { key: writeKey, method: 'POST', body: { title: 'Commander le sable', priority: 'haute' } });
		expect(created.status).toBe(201);
		expect(((await created.json()) as { task: unknown }).task).toMatchObject({ title: 'Commander le sable', priority: 'haute', status: 'a_faire' });

		const invalid = await call('/api/discord/task', { method: 'POST', body: { title: 42, assigneeId: 'bob', tags: [1] } });
		expect(invalid.status).toBe(400);
		expect(await issuesOf(invalid)).toEqual(['body:title', 'body:tags', 'body:assigneeId']);

		const malformed = await call('/api/discord/task', { method: 'POST', body: '{"title": "oops"' });
		expect(malformed.status).toBe(400);
		expect(await malformed.json()).toMatchObject({ error: 'Malformed JSON' });

		// « Réparer la clôture » in Latin-1, as Windows PowerShell 5 sends a string body: refused, not stored as « R�parer la cl�ture ».
		const before = (await (await call('/api/tasks?status=toutes&search=parer')).json()) as { total: number };
		const latin1 = await fetch(`${root}/api/discord/task`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization: `Bearer ${adminKey}` },
			body: Buffer.from('{"title":"Réparer la clôture"}', 'latin1')
		});
		expect(latin1.status).toBe(400);
		expect(await latin1.json()).toEqual({ error: 'Malformed JSON', issues: [{ in: 'body', path: '', message: 'not valid UTF-8: JSON is sent in UTF-8 (RFC 8259)' }] });
		expect(((await (await call('/api/tasks?status=toutes&search=parer')).json()) as { total: number }).total).toBe(before.total);
	});

	it('POST /api/discord/planning adds an entry, 409 on a clash, 400 listing bad fields', async () => {
		const entry = { member: bot.server.guild.members.alice!, type: 'chantier', start: '2031-03-10 08:00', end: '2031-03-10 17:00' };
		const created = await call('/api/discord/planning', { method: 'POST', body: entry });
		expect(created.status).toBe(201);
		expect(((await created.json()) as { entry: unknown }).entry).toMatchObject({ memberId: bot.server.guild.members.alice, type: 'chantier', allDay: false });
		expect((await call('/api/discord/planning', { method: 'POST', body: entry })).status).toBe(409);
		const invalid = await call('/api/discord/planning', { method: 'POST', body: { member: '', force: 'yes' } });
		expect(invalid.status).toBe(400);
		expect(await issuesOf(invalid)).toEqual(['body:member', 'body:start', 'body:end', 'body:force']);
		// A field left out is said to be required, not that undefined is no string.
		const missing = await call('/api/discord/planning', { method: 'POST', body: { member: 'Bob Durand' } });
		expect(((await missing.json()) as { issues: { path: string; message: string }[] }).issues).toEqual([
			{ in: 'body', path: 'start', message: 'required (string)' },
			{ in: 'body', path: 'end', message: 'required (string)' }
		]);

		// Integrations often know a member by name: a name that designates one member is enough.
		const byName = await call('/api/discord/planning', { method: 'POST', body: { ...entry, member: 'Bob Durand' } });
		expect(byName.status).toBe(201);
		expect(((await byName.json()) as { entry: unknown }).entry).toMatchObject({ memberId: bot.server.guild.members.bob });
		const nobody = await call('/api/discord/planning', { method: 'POST', body: { ...entry, member: 'Zoé' } });
		expect(nobody.status).toBe(400);
		expect(await nobody.json()).toMatchObject({ problems: [{ code: 'unknownMember', message: 'Membre « Zoé » introuvable sur le serveur : donnez son identifiant Discord, sa mention ou son nom.' }] });
		// An id or a mention of nobody on the server (a typo, someone who left) is refused as a name is, nothing planned.
		for (const ghost of ['123456789012345678', '<@123456789012345678>']) {
			const refused = await call('/api/discord/planning', { method: 'POST', body: { ...entry, start: '2031-03-11 08:00', end: '2031-03-11 09:00', member: ghost } });
			expect(refused.status, ghost).toBe(400);
			expect(await refused.json()).toMatchObject({ problems: [{ code: 'unknownMember' }] });
		}
	});

	it('POST /api/discord/planning and /api/discord/task refuse an archived chantier with a 400 naming it, nothing written', async () => {
		await container.db.insert(chantiers).values({ guildId: bot.server.guild.id, code: 'CH-FINI', name: 'Halle fermée', status: 'archive' });
		const message = 'Le chantier CH-FINI « Halle fermée » est archivé : choisissez un chantier en cours (un admin peut le rouvrir avec `/desarchiverchantier`).';
		const planned = await call('/api/discord/planning', {
			method: 'POST',
			body: { member: bot.server.guild.members.alice!, type: 'chantier', start: '2031-04-10 08:00', end: '2031-04-10 17:00', chantier: 'ch-fini' }
		});
		expect(planned.status).toBe(400);
		expect(await planned.json()).toMatchObject({ problems: [{ code: 'archivedChantier', message }] });
		const task = await call('/api/discord/task', { method: 'POST', body: { title: 'Démonter la grue', chantier: 'CH-FINI' } });
		expect(task.status).toBe(400);
		expect(await task.json()).toMatchObject({ error: 'Task refused', problems: [{ code: 'archivedChantier', message }] });
	});

	it('reads a path parameter as typed: a chantier code with accents reaches its chantier, a broken escape is a 400 naming it', async () => {
		expect((await call('/api/chantiers', { method: 'POST', body: { code: 'ÉTÉ-2026', name: 'Chantier d’été' } })).status).toBe(201);
		// fetch sends the path percent-encoded, as every HTTP client does: /api/chantiers/%C3%89T%C3%89-2026/archive.
		const question = await call('/api/chantiers/ÉTÉ-2026/archive');
		expect(question.status).toBe(200);
		expect(((await question.json()) as { chantier: { code: string } }).chantier.code).toBe('ÉTÉ-2026');
		const broken = await call('/api/chantiers/%E9T%E9/archive');
		expect(broken.status).toBe(400);
		expect(await issuesOf(broken)).toEqual(['params:code']);
	});

	it('POST /api/chantiers/{code}/archive words a Discord refusal as the archive\'s, in the `locale` asked (the bot\'s default without one)', async () => {
		expect((await call('/api/chantiers', { method: 'POST', body: { code: 'CH-API-502', name: 'Dépôt' } })).status).toBe(201);
		const archive = (body: Record<string, unknown>) => call('/api/chantiers/CH-API-502/archive', { method: 'POST', body: { confirm: true, ...body } });
		const refused = async (body: Record<string, unknown>) => {
			// The rename and the category's own overwrites pass; the first channel's overwrites are refused.
			bot.server.failNext('PATCH', '/channels/:channelId', { after: 2 });
			const response = await archive(body);
			return { status: response.status, body: await response.json() };
		};
		expect(await refused({ locale: 'en' })).toEqual({
			status: 502,
			body: { error: 'Refused', reason: 'discord', message: 'Discord refused: Missing Permissions. What had changed was put back; the work site is not archived.' }
		});
		expect(await refused({})).toMatchObject({ status: 502, body: { message: 'Discord a refusé : Missing Permissions. Ce qui avait changé a été remis comme avant ; le chantier n’est pas archivé.' } });
		expect(await issuesOf(await archive({ locale: 'de' }))).toEqual(['body:locale']);

		expect((await archive({})).status).toBe(200);
		const again = async (body: Record<string, unknown>) => {
			const response = await archive(body);
			return { status: response.status, body: await response.json() };
		};
		expect(await again({})).toEqual({ status: 409, body: { error: 'Refused', reason: 'alreadyArchived', message: '**CH-API-502** est déjà archivé : `/desarchiverchantier` le rouvre.' } });
		expect(await again({ locale: 'en' })).toMatchObject({ status: 409, body: { message: '**CH-API-502** is already archived: `/unarchivesite` reopens it.' } });
	});

	it('POST /api/discord/message and /embed post to a channel named by id or name', async () => {
		const channels = bot.server.guild.channels;
		const sent = await call('/api/discord/message', { key: writeKey, method: 'POST', body: { channel: 'général', content: 'Réunion à 9h @everyone' } });
		expect(sent.status).toBe(201);
		const { message } = (await sent.json()) as { message: { id: string; channelId: string } };
		expect(message.channelId).toBe(channels.general);
		expect(bot.server.state.channelMessages(channels.general!).find((stored) => stored.id === message.id)?.content).toBe('Réunion à 9h @everyone');

		const embed = await call('/api/discord/embed', { method: 'POST', body: { channel: channels.site, embed: { kind: 'warning', title: 'Grue en panne' } } });
		expect(embed.status).toBe(201);
		const posted = (await embed.json()) as { message: { id: string } };
		const stored = bot.server.state.channelMessages(channels.site!).find((candidate) => candidate.id === posted.message.id);
		expect(JSON.stringify(stored)).toContain('Grue en panne');

		// A channel mention, as integrations copy it from a Discord message.
		const byMention = await call('/api/discord/message', { key: writeKey, method: 'POST', body: { channel: `<#${channels.site}>`, content: 'Livraison à 14h' } });
		expect(byMention.status).toBe(201);
		expect(((await byMention.json()) as { message: { channelId: string } }).message.channelId).toBe(channels.site);

		const unknown = await call('/api/discord/message', { method: 'POST', body: { channel: 'nulle-part', content: 'x' } });
		expect(unknown.status).toBe(400);
		expect(await issuesOf(unknown)).toEqual(['body:channel']);
		const invalid = await call('/api/discord/embed', { method: 'POST', body: { channel: 'général', embed: { kind: 'rouge' } } });
		expect(await issuesOf(invalid)).toEqual(['body:embed.kind', 'body:embed.title']);
	});

	it('POST /api/discord/embed refuses an embed past Discord\'s 6,000 characters as a bad field (400), not a Discord refusal (502)', async () => {
		const channel = bot.server.guild.channels.site!;
		const before = bot.server.state.channelMessages(channel).length;
		const field = { name: 'Lot', value: 'x'.repeat(1000) };
		const tooLong = await call('/api/discord/embed', { method: 'POST', body: { channel, embed: { title: 'Compte rendu', description: 'y'.repeat(4000), fields: [field, field] } } });
		expect(tooLong.status).toBe(400);
		const { issues } = (await tooLong.json()) as { issues: { in: string; path: string; message: string }[] };
		expect(issues).toEqual([{ in: 'body', path: 'embed', message: expect.stringContaining('6000') }]);
		expect(bot.server.state.channelMessages(channel)).toHaveLength(before);

		const withinLimit = await call('/api/discord/embed', { method: 'POST', body: { channel, embed: { title: 'Compte rendu', description: 'y'.repeat(4000), fields: [field] } } });
		expect(withinLimit.status).toBe(201);
	});

	it('GET /api/discord/users and /channels list the server', async () => {
		const users = (await (await call('/api/discord/users', { key: readKey })).json()) as { users: { id: string; displayName: string }[] };
		expect(users.users.map((user) => user.id)).toContain(bot.server.guild.members.bob);
		const channels = (await (await call('/api/discord/channels', { key: readKey })).json()) as { channels: { id: string; name: string }[] };
		expect(channels.channels).toContainEqual(expect.objectContaining({ id: bot.server.guild.channels.general, name: 'général', type: 'GuildText' }));
		const wrongGuild = await call('/api/discord/users?guild=123456789012345678', { key: readKey });
		expect(wrongGuild.status).toBe(400);
		expect(await issuesOf(wrongGuild)).toEqual(['query:guild']);
	});

	it('GET /api/logs pages through requests newest first, with filters', async () => {
		for (let index = 0; index < 3; index += 1) await call(`/api/discord/channels?page=${index}`, { key: readKey });
		const page = async (query: string) => (await (await call(`/api/logs?${query}`)).json()) as { logs: { id: number; path: string; status: number; caller: string }[]; nextCursor?: number };
		const first = await eventually(async () => {
			const answer = await page('path=/api/discord/channels&status=200&limit=2');
			return answer.logs.length === 2 ? answer : undefined;
		});
		expect(first.logs.every((log) => log.path === '/api/discord/channels' && log.caller === 'api-key-2')).toBe(true);
		expect(first.logs[0]!.id).toBeGreaterThan(first.logs[1]!.id);
		const second = await page(`path=/api/discord/channels&status=200&limit=2&before=${first.nextCursor}`);
		expect(second.logs.length).toBeGreaterThan(0);
		expect(second.logs[0]!.id).toBeLessThan(first.logs[1]!.id);
		const invalid = await call('/api/logs?status=abc&since=yesterday&method=TRACE');
		expect(invalid.status).toBe(400);
		expect(await issuesOf(invalid)).toEqual(['query:method', 'query:status', 'query:since']);
		// A day, as people type a date: from its start in TZ_DEFAULT.
		const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
		expect((await page(`path=/api/discord/channels&since=${today}`)).logs.length).toBeGreaterThanOrEqual(3);
		expect((await page('path=/api/discord/channels&since=2999-01-01')).logs).toEqual([]);
		// A filter of the other source is refused, not ignored: the page would look filtered and be whole.
		expect(await issuesOf(await call('/api/logs?level=error'))).toEqual(['query:level']);
		expect(await issuesOf(await call('/api/logs?source=process&status=500&path=/api'))).toEqual(['query:status', 'query:path']);
	});

	it('cuts off a chunked body past 1 MB while reading it (413)', async () => {
		const status = await new Promise<number>((resolve, reject) => {
			const request = httpRequest(`${root}/api/discord/task`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${writeKey}` } }, (response) => {
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
	});

	it('limits requests per key: 429 JSON with Retry-After, RateLimit headers, counted in rate_limit_refusals_total', async () => {
		const refusals = async () => {
			const text = await (await call('/metrics')).text();
			return Number(/^rate_limit_refusals_total\{scope="api"\} (\d+)$/m.exec(text)?.[1] ?? 0);
		};
		const before = await refusals();
		const saved = container.config.API_RATE_LIMIT_PER_KEY;
		container.config.API_RATE_LIMIT_PER_KEY = 2;
		try {
			const answers = [];
			for (let index = 0; index < 3; index += 1) answers.push(await call('/api/discord/channels', { key: limitedKey }));
			expect(answers.map((answer) => answer.status)).toEqual([200, 200, 429]);
			expect(answers[0]!.headers.get('ratelimit-limit')).toBe('2');
			expect(answers[0]!.headers.get('ratelimit-remaining')).toBe('1');
			const refused = answers[2]!;
			expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
			expect(refused.headers.get('ratelimit-remaining')).toBe('0');
			expect(await refused.json()).toMatchObject({ error: 'Too many requests: at most 2 per 60 s' });
		} finally {
			container.config.API_RATE_LIMIT_PER_KEY = saved;
		}
		expect(await refusals()).toBe(before + 1);
	});

	it('limits requests per address before the key check, so keys cannot be guessed at will', async () => {
		const saved = container.config.API_RATE_LIMIT_PER_IP;
		container.config.API_RATE_LIMIT_PER_IP = 1;
		try {
			const refused = await call('/api/discord/users', { key: 'guessing-a-key-guessing-a-key' });
			expect(refused.status).toBe(429);
			expect(refused.headers.get('retry-after')).not.toBeNull();
		} finally {
			container.config.API_RATE_LIMIT_PER_IP = saved;
		}
	});

	it('counts the address a trusted proxy forwards (API_TRUST_PROXY), and ignores X-Forwarded-For otherwise', async () => {
		const saved = { perIp: container.config.API_RATE_LIMIT_PER_IP, proxies: container.config.API_TRUST_PROXY };
		container.config.API_RATE_LIMIT_PER_IP = 1;
		const from = (address: string) => fetch(`${root}/health`, { headers: { 'x-forwarded-for': address } });
		try {
			// The loopback counter is already past 1: a header alone does not get round it.
			expect((await from('203.0.113.7')).status).toBe(429);
			container.config.API_TRUST_PROXY = ['loopback'];
			expect((await from('203.0.113.7')).status).toBe(200);
			expect((await from('203.0.113.8')).status).toBe(200);
			expect((await from('203.0.113.7')).status).toBe(429);
		} finally {
			container.config.API_RATE_LIMIT_PER_IP = saved.perIp;
			container.config.API_TRUST_PROXY = saved.proxies;
		}
	});

	it('/apikey: owners create a scoped key (shown once, stored hashed), use it at once, and revoke it', async () => {
		const owner = bot.server.guild.members.admin!;
		const create = async () => (await bot.server.sendSlashCommand({ name: 'apikey', subcommand: 'create', options: { name: 'n8n' }, userId: bot.server.guild.members.bob! })).reply();
		await expect(create()).rejects.toThrow('/apikey needs Administrator');
		const refused = await withCommandOpenToEveryone(bot.server, 'apikey', create);
		expect(JSON.stringify(refused.embeds)).not.toContain('mk_');
		expect(await bot.database.db.select().from(apiKeys)).toEqual([]);

		const created = await (await bot.server.sendSlashCommand({ name: 'apikey', subcommand: 'create', options: { name: 'n8n', scopes: 'read' }, userId: owner })).reply();
		const secret = /```\n(mk_[\w-]+)\n```/.exec(created.embeds[0]!.description!)?.[1];
		expect(secret).toBeDefined();
		const [row] = await bot.database.db.select().from(apiKeys).where(eq(apiKeys.name, 'n8n'));
		expect(row).toMatchObject({ keyHash: createHash('sha256').update(secret!).digest('hex'), scopes: ['read'], createdBy: owner, revokedAt: null });
		expect(JSON.stringify(row)).not.toContain(secret);

		expect((await call('/api/discord/channels', { key: secret! })).status).toBe(200);
		expect((await call('/api/discord/message', { key: secret!, method: 'POST', body: { channel: 'général', content: 'x' } })).status).toBe(403);
		const taken = await (await bot.server.sendSlashCommand({ name: 'apikey', subcommand: 'create', options: { name: 'n8n' }, userId: owner })).reply();
		expect(taken.embeds[0]!.description).toContain('Une clé s’appelle déjà « n8n »');
		const listed = await (await bot.server.sendSlashCommand({ name: 'apikey', subcommand: 'list', userId: owner })).reply();
		expect(listed.embeds[0]!.description).toContain('4 clés dans API_KEYS');
		expect(listed.embeds[0]!.description).toContain('`n8n` — read');

		await (await bot.server.sendSlashCommand({ name: 'apikey', subcommand: 'revoke', options: { name: 'n8n' }, userId: owner })).reply();
		expect((await call('/api/discord/channels', { key: secret! })).status).toBe(401);
	});

	it('every route declares its schemas, and /openapi.json (public) describes each one with its scope', async () => {
		const routes = [...container.stores.get('routes').values()];
		const withoutSchema = routes.filter((route) => !(route.options as { schema?: unknown }).schema).map((route) => route.name);
		expect(withoutSchema).toEqual([]);

		const answer = await call('/openapi.json', { key: null });
		expect(answer.status).toBe(200);
		const document = (await answer.json()) as { openapi: string; paths: Record<string, Record<string, { security: { bearer: string[] }[]; requestBody?: unknown; responses: Record<string, unknown> }>> };
		expect(document.openapi).toBe('3.1.0');
		const validation = await new Validator().validate(document as unknown as Record<string, unknown>);
		expect(validation.errors, JSON.stringify(validation.errors)).toBeUndefined();
		expect(validation.valid).toBe(true);
		// Outside sandbox mode the sandbox chat's routes do not exist.
		expect(Object.keys(document.paths).filter((path) => path.startsWith('/api/sandbox'))).toEqual([]);
		expect((await call('/api/sandbox')).status).toBe(404);
		expect((await call('/api/sandbox/events')).status).toBe(404);
		const operations = Object.entries(document.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`));
		// OpenAPI writes a path parameter `{name}` where the router has `[name]`.
		const served = routes.flatMap((route) => [...route.methods].map((method) => `${method} /${route.path.map((part) => part.replace(/^\[(.+)\]$/, '{$1}')).join('/')}`));
		expect(operations.sort()).toEqual(served.sort());
		for (const path of ['/', '/health', '/docs', '/openapi.json', '/stats', '/metrics', '/webhook/tally', '/webhook/n8n', '/webhook/google', '/api/discord/task', '/api/discord/planning', '/api/discord/message', '/api/discord/embed', '/api/discord/users', '/api/discord/channels', '/api/logs', '/api/health/detailed']) {
			expect(document.paths, path).toHaveProperty([path]);
		}
		expect(document.paths['/api/logs']!.get!.security).toEqual([{ bearer: ['admin'] }]);
		expect(document.paths['/api/discord/task']!.post!.security).toEqual([{ bearer: ['write'] }]);
		expect(document.paths['/health']!.get!.security).toEqual([]);
		expect(document.paths['/api/discord/task']!.post!.requestBody).toMatchObject({ content: { 'application/json': { schema: { properties: { title: { type: 'string' } } } } } });
		// Every operation taking a body may answer 413 (bodies are counted while read) and 400 (malformed JSON).
		const withBody = Object.entries(document.paths).flatMap(([path, methods]) => Object.entries(methods).filter(([, operation]) => operation.requestBody).map(([method, operation]) => ({ at: `${method} ${path}`, operation })));
		expect(withBody.filter(({ operation }) => !('413' in operation.responses) || !('400' in operation.responses)).map(({ at }) => at)).toEqual([]);
		// The receivers read their bytes themselves (signatures), yet describe the JSON they take.
		const n8nBody = (document.paths['/webhook/n8n']!.post!.requestBody as { content: { 'application/json': { schema: { oneOf?: { properties: { action: { const: string } } }[] } } } }).content['application/json'].schema;
		expect(n8nBody.oneOf?.map((action) => action.properties.action.const)).toEqual(['message', 'embed', 'task', 'planning']);
		expect(document.paths['/webhook/tally']!.post!.requestBody).toMatchObject({ content: { 'application/json': { schema: { required: ['eventId', 'eventType', 'data'] } } } });
	});

	it('CORS: a browser\'s preflight gets the configured origin, the path\'s methods and the headers the API reads; a call without Origin gets no CORS headers', async () => {
		const preflight = await fetch(`${root}/api/discord/task`, { method: 'OPTIONS', headers: { origin: 'https://elsewhere.example', 'access-control-request-method': 'POST' } });
		expect(preflight.status).toBe(200);
		expect(preflight.headers.get('access-control-allow-origin')).toMatch(/^http:\/\/127\.0\.0\.1:/);
		expect(preflight.headers.get('access-control-allow-methods')).toBe('POST');
		expect(preflight.headers.get('access-control-allow-headers')).toContain('X-API-Key');
		const plain = await call('/stats', { key: readKey });
		expect(plain.status).toBe(200);
		expect(plain.headers.get('access-control-allow-origin')).toBeNull();
		expect(plain.headers.get('vary')).toBe('Origin');
		expect(plain.headers.get('date')).not.toBeNull();
	});

	it('answers an unknown path 404 and a known path asked with another method 405 with Allow, both as JSON', async () => {
		const unknown = await call('/nowhere');
		expect(unknown.status).toBe(404);
		expect(await unknown.json()).toEqual({ error: 'Not Found' });
		const wrongMethod = await call('/stats', { method: 'DELETE' });
		expect(wrongMethod.status).toBe(405);
		expect(wrongMethod.headers.get('allow')).toBe('GET, HEAD');
		expect(await wrongMethod.json()).toEqual({ error: 'Method Not Allowed' });
		// HEAD, as uptime checks send it, is a GET without the body: the same status, key and scope checks.
		const head = await call('/health', { method: 'HEAD', key: null });
		expect(head.status).toBe(200);
		expect(head.headers.get('content-type')).toMatch(/^application\/json/);
		expect(await head.text()).toBe('');
		expect((await call('/stats', { method: 'HEAD', key: null })).status).toBe(401);
		expect((await call('/stats', { method: 'HEAD', key: readKey })).status).toBe(200);
		expect((await call('/api/logs', { method: 'HEAD', key: readKey })).status).toBe(403);
		const noSuchFile = await call('/docs/nothing.js', { key: null });
		expect(noSuchFile.status).toBe(404);
		expect(await noSuchFile.json()).toEqual({ error: 'Not Found' });
	});
});
