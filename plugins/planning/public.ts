/**
 * What other plugins may use of the planning plugin, and nothing else of this folder (the lint
 * enforces it): adding an entry with the same checks as `/planifier`.
 * A plugin that imports this file lists 'planning' in its manifest's dependencies.
 */
export { submitEntry, type EntryJson, type EntryOutcome, type EntryProblem, type EntryRequest } from './api.ts';
