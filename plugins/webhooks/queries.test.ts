import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, storageBackends, type TestDatabase } from '#test/support/databases.ts';
import { recordIncomingWebhook } from './queries.ts';

describe.each(storageBackends)('incoming webhooks on %s', (kind) => {
	let database: TestDatabase;
	beforeAll(async () => {
		database = await createTestDatabase(kind);
	});
	afterAll(() => database.destroy());

	it('records a delivery once: a redelivery with the same key is reported as a duplicate of the first row', async () => {
		const delivery = { source: 'erp', idempotencyKey: 'delivery-42', event: 'invoice.paid', payload: { amount: 1200 } };
		const first = await recordIncomingWebhook(database.db, delivery);
		const again = await recordIncomingWebhook(database.db, { ...delivery, payload: { amount: 9999 } });
		expect(first.duplicate).toBe(false);
		expect(again).toEqual({ id: first.id, duplicate: true });
		const otherSource = await recordIncomingWebhook(database.db, { ...delivery, source: 'github' });
		expect(otherSource.duplicate).toBe(false);
	});
});
