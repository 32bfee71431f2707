import { tasksApiSuite } from '../fixtures/tasks/api-suite.ts';

tasksApiSuite('pglite');
