import { describe } from 'vitest';
import { testPostgresUrl } from '../../core/testing/databases.ts';
import { tasksApiSuite } from '../fixtures/tasks/api-suite.ts';

/** The same suite on real PostgreSQL (trigger, row lock, enum order), when TEST_DATABASE_URL is set. */
if (testPostgresUrl) tasksApiSuite('postgres');
else describe.skip('tasks on PostgreSQL (TEST_DATABASE_URL not set)', () => {});
