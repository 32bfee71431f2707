import { Route, type ApiRequest, type ApiResponse } from '@sapphire/plugin-api';
import { z } from 'zod';
import { missingFieldMessage, pluginLogger, targetGuild } from '#core/plugin-kit.ts';
import { n8nAction, runAction } from '../n8n.ts';
import { finishWebhook, findWebhook, recordIncomingWebhook, takeOverStaleWebhook } from '../queries.ts';
import { Delivery, issuesOf, malformedJson, maxBodyBytes, parseJson, receiverSchema } from '../receiver.ts';
import { sameSecret } from '../signatures.ts';

/**
 * `POST /webhook/n8n` (an n8n HTTP Request node): `X-Webhook-Secret` must be N8N_WEBHOOK_SECRET. The
 * body names an action (message, embed, task, planning); the answer says what was created, so the
 * workflow can use it in its next node. With an `eventId` (or `X-Idempotency-Key`), a retried
 * delivery is done once and answered as the first time. A refused one (400, 409, 502) did nothing, so
 * its id is released: the workflow retries it, corrected or with `force`, under the same id.
 */
const schema = receiverSchema('n8n actions', 'With `X-Webhook-Secret` = N8N_WEBHOOK_SECRET; the body is one action (message, embed, task, planning); a retried `eventId` or `X-Idempotency-Key` is done once and answered as the first time (409 with `Retry-After` while the first is still being done; done again if the first has had no answer for 2 minutes: its process stopped); a refused delivery (400, 409, 502) is not kept, so sending it again under the same id does it.', {
	201: { description: 'What was created (a message, a task, an entry)', schema: z.object({ id: z.number(), action: z.string() }).loose() },
	409: { description: 'The planning entry clashes with others; or a delivery with the same id is still being done (with `Retry-After`: send it again then)', schema: z.object({ error: z.string() }).loose() },
	502: { description: 'Discord refused the message', schema: z.object({ error: z.string() }).loose() }
}, n8nAction);

/** A delivery still unanswered after this was being done by a process that stopped: a retry does it. */
const abandonedAfterMs = 120_000;

export class N8nWebhookRoute extends Route {
	public constructor(context: Route.LoaderContext, options: Route.Options) {
		super(context, { ...options, route: '/webhook/n8n', methods: ['POST'], auth: 'public', bodyLimit: maxBodyBytes, schema });
	}

	public override async run(request: ApiRequest, response: ApiResponse) {
		const delivery = new Delivery('n8n', request, response, pluginLogger(this), { credential: 'x-webhook-secret' });
		const secret = this.container.config.N8N_WEBHOOK_SECRET;
		if (!secret) return delivery.refuse(503, 'n8n receiver not configured: N8N_WEBHOOK_SECRET is not set');
		const given = request.headers['x-webhook-secret'];
		if (typeof given !== 'string' || !given) return delivery.refuse(401, 'Missing X-Webhook-Secret header');
		if (!sameSecret(given, secret)) return delivery.refuse(401, 'Invalid X-Webhook-Secret');

		const raw = delivery.readRaw();
		if (!raw) return delivery.refuse(413, `Body larger than ${maxBodyBytes} bytes`);
		const json = parseJson(raw);
		if (json === undefined) return delivery.refuse(400, malformedJson.error, { body: raw, issues: malformedJson.issues });
		const body = n8nAction.safeParse(json, { error: missingFieldMessage });
		if (!body.success) return delivery.refuse(400, 'Invalid request', { body: raw, issues: issuesOf(body.error) });
		const guild = await targetGuild(request, body.data.guildId, 'webhooks');
		if (!guild) return delivery.refuse(400, 'Invalid request', { body: raw, issues: [{ in: 'body', path: 'guildId', message: 'a server of the bot where webhooks are on' }] });

		const key = request.headers['x-idempotency-key'];
		const { id, duplicate } = await recordIncomingWebhook(this.container.db, {
			source: 'n8n',
			idempotencyKey: (typeof key === 'string' && key ? key : body.data.eventId) ?? null,
			event: body.data.action,
			headers: delivery.headers,
			payload: json
		});
		if (duplicate && !(await takeOverStaleWebhook(this.container.db, id, abandonedAfterMs))) {
			const first = await findWebhook(this.container.db, id);
			// A 2xx now would tell the workflow it is done, and it is lost if the first then fails (its id released).
			if (!first?.httpStatus) {
				return response.status(409).setHeader('Retry-After', '1').json({ id, duplicate: true, error: 'A delivery with this eventId is still being done: send it again in a moment' });
			}
			return response.status(first.httpStatus).json({ id, duplicate: true, ...((first.result as object | null) ?? { status: first.status }) });
		}
		const outcome = await runAction(body.data, guild);
		const answer = { id, action: body.data.action, ...outcome.body };
		await finishWebhook(this.container.db, id, {
			status: outcome.ok ? 'traite' : 'echec',
			httpStatus: outcome.httpStatus,
			result: answer,
			error: outcome.ok ? null : outcome.error,
			releaseIdempotencyKey: !outcome.ok
		});
		if (!outcome.ok) pluginLogger(this).warn({ deliveryId: id, action: body.data.action, status: outcome.httpStatus }, `n8n action refused: ${outcome.error}`);
		response.status(outcome.httpStatus).json(answer);
	}
}
