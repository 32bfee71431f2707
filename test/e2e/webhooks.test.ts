import { webhooksSuite } from '../fixtures/webhooks/suite.ts';

/** On PGlite with the in-process queue (the sandbox's set-up). */
webhooksSuite({ database: 'pglite', redis: false });
