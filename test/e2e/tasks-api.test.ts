import { storageBackends } from '../support/databases.ts';
import { tasksApiSuite } from '../fixtures/tasks/api-suite.ts';

/** On PGlite, and on real PostgreSQL (trigger, row lock, enum order) when TEST_DATABASE_URL is set. */
for (const backend of storageBackends) tasksApiSuite(backend);
