/**
 * What other plugins may use of the tasks plugin, and nothing else of this folder (the lint enforces
 * it): creating a task with the same checks as `/tache` and `POST /api/tasks`.
 * A plugin that imports this file lists 'tasks' in its manifest's dependencies.
 */
export { createBody as createTaskBody, submitTask, type SubmitOutcome, type TaskJson, type TaskRequest } from './api.ts';
