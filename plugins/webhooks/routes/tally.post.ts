import { Route, type ApiRequest, type ApiResponse } from '@sapphire/plugin-api';
import { z } from 'zod';
import { missingFieldMessage, pluginLogger } from '#core/plugin-kit.ts';
import { finishWebhook, recordIncomingWebhook } from '../queries.ts';
import { Delivery, issuesOf, malformedJson, maxBodyBytes, parseJson, receiverSchema } from '../receiver.ts';
import { tallySignatureValid } from '../signatures.ts';
import { formResponse, tallyEnvelope } from '../tally.ts';

/**
 * `POST /webhook/tally` (the URL set in the Tally form's webhook integration): checks `Tally-Signature`
 * against the raw body before reading it, records the delivery once per `eventId` (Tally retries with
 * the same one), answers 200 at once and creates the task or entry from the queue (`webhooks.tally`).
 */
const schema = receiverSchema('Tally form responses', 'Signed with `Tally-Signature` = base64(HMAC-SHA256(TALLY_SIGNING_SECRET, raw body)); a retried `eventId` is done once.', {
	200: { description: 'Received (processed from the queue), a duplicate, or an event type that is ignored', schema: z.object({ received: z.literal(true), id: z.number(), duplicate: z.boolean().optional(), ignored: z.boolean().optional() }) }
}, tallyEnvelope);

export class TallyWebhookRoute extends Route {
	public constructor(context: Route.LoaderContext, options: Route.Options) {
		super(context, { ...options, route: '/webhook/tally', methods: ['POST'], auth: 'public', bodyLimit: maxBodyBytes, schema });
	}

	public override async run(request: ApiRequest, response: ApiResponse) {
		const delivery = new Delivery('tally', request, response, pluginLogger(this), { credential: 'tally-signature' });
		const secret = this.container.config.TALLY_SIGNING_SECRET;
		if (!secret) return delivery.refuse(503, 'Tally receiver not configured: TALLY_SIGNING_SECRET is not set');
		const raw = delivery.readRaw();
		if (!raw) return delivery.refuse(413, `Body larger than ${maxBodyBytes} bytes`);
		const signature = request.headers['tally-signature'];
		if (typeof signature !== 'string' || !signature) return delivery.refuse(401, 'Missing Tally-Signature header', { body: raw });
		if (!tallySignatureValid(secret, raw, signature)) return delivery.refuse(401, 'Invalid Tally-Signature', { body: raw });

		const json = parseJson(raw);
		if (json === undefined) return delivery.refuse(400, malformedJson.error, { body: raw, issues: malformedJson.issues });
		const envelope = tallyEnvelope.safeParse(json, { error: missingFieldMessage });
		if (!envelope.success) return delivery.refuse(400, 'Invalid request', { body: raw, issues: issuesOf(envelope.error) });
		const isResponse = envelope.data.eventType === 'FORM_RESPONSE';
		if (isResponse) {
			const data = formResponse.safeParse(envelope.data.data, { error: missingFieldMessage });
			if (!data.success) return delivery.refuse(400, 'Invalid request', { body: raw, issues: issuesOf(data.error).map((issue) => ({ ...issue, path: `data.${issue.path}` })) });
		}

		const { id, duplicate } = await recordIncomingWebhook(this.container.db, {
			source: 'tally',
			idempotencyKey: envelope.data.eventId,
			event: envelope.data.eventType,
			httpStatus: 200,
			headers: delivery.headers,
			payload: envelope.data
		});
		if (duplicate) return response.status(200).json({ received: true, duplicate: true, id });
		if (!isResponse) {
			await finishWebhook(this.container.db, id, { status: 'traite', httpStatus: 200, result: { ignored: `event type ${envelope.data.eventType}` } });
			return response.status(200).json({ received: true, ignored: true, id });
		}
		await this.container.scheduler.runLater('webhooks.tally', 0, { deliveryId: id });
		response.status(200).json({ received: true, id });
	}
}
