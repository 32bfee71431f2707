/**
 * What other plugins may use of the planning plugin, and nothing else of this folder (the lint
 * enforces it): adding, moving and deleting entries with the same checks as `/planifier` and `/modifierplanning`.
 * A plugin that imports this file lists 'planning' in its manifest's dependencies.
 */
export { entryBody, reviseEntry, submitEntry, withdrawEntry, type EntryJson, type EntryOutcome, type EntryProblem, type EntryRequest, type EntryRevision } from './api.ts';
