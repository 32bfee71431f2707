import { describe } from 'vitest';
import { testPostgresUrl } from '../support/databases.ts';
import { webhooksSuite } from '../fixtures/webhooks/suite.ts';

/** On PostgreSQL with BullMQ on Redis (production's set-up): Tally responses go through the real queue. */
if (testPostgresUrl && process.env.TEST_REDIS_URL) webhooksSuite({ database: 'postgres', redis: true });
else describe.skip('incoming webhooks on PostgreSQL and Redis (TEST_DATABASE_URL and TEST_REDIS_URL not set)', () => undefined);
