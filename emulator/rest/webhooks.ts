import { bodyObject } from '../context.ts';
import type { ServerContext } from '../context.ts';
import { errors } from '../http.ts';
import type { MessageBody } from '../messages.ts';
import { param } from '../router.ts';
import type { RouteRequest, Router } from '../router.ts';

/**
 * Interaction callbacks and the webhook routes: interaction tokens (edit/follow-up the
 * bot's replies) and channel webhooks share `/webhooks/:id/:token`.
 * None of these carry the bot token, as on Discord.
 */
export function registerWebhookRoutes(router: Router, context: ServerContext): void {
	const { state, interactions, messages } = context;
	const open = { requiresBotToken: false };

	const interactionOf = (request: RouteRequest) => {
		const tracked = interactions.byToken(param(request, 'webhookId'), param(request, 'token'));
		if (!tracked) throw errors.unknownWebhook();
		return tracked;
	};

	router.add(
		'POST',
		'/interactions/:interactionId/:token/callback',
		(request) =>
			interactions.callback(
				param(request, 'interactionId'),
				param(request, 'token'),
				bodyObject(request.body) as { type: number },
				request.files,
				request.query.get('with_response') === 'true'
			),
		open
	);

	router.add(
		'POST',
		'/webhooks/:webhookId/:token',
		async (request) => {
			const body = bodyObject(request.body) as MessageBody;
			const tracked = interactions.byToken(param(request, 'webhookId'), param(request, 'token'));
			if (tracked) return interactions.followUp(tracked, body, request.files);

			const webhook = state.webhooks.get(param(request, 'webhookId'));
			if (!webhook || webhook.token !== param(request, 'token')) throw errors.unknownWebhook();
			const message = await messages.create({
				channelId: webhook.channelId,
				author: { id: webhook.id, username: body.username ?? webhook.name, discriminator: '0000', global_name: null, avatar: null, bot: true },
				body,
				files: request.files,
				source: 'webhook',
				extra: { webhook_id: webhook.id }
			});
			return request.query.get('wait') === 'true' ? message : undefined;
		},
		open
	);

	router.add('GET', '/webhooks/:webhookId/:token/messages/:messageId', (request) =>
		interactions.responseMessage(interactionOf(request), param(request, 'messageId')), open);

	router.add('PATCH', '/webhooks/:webhookId/:token/messages/:messageId', (request) =>
		interactions.editResponse(interactionOf(request), param(request, 'messageId'), bodyObject(request.body) as MessageBody, request.files), open);

	router.add('DELETE', '/webhooks/:webhookId/:token/messages/:messageId', async (request) => {
		await interactions.deleteResponse(interactionOf(request), param(request, 'messageId'));
		return undefined;
	}, open);
}
