/**
 * What other plugins may use of the team plugin, and nothing else of this folder (the lint enforces
 * it): the extension points of `/résumé` and `/stats`, and the chantiers, which team owns.
 * A plugin that imports this file lists 'team' in its manifest's dependencies.
 */
export { memberStats, summarySections, type MemberStat, type Period, type SummarySection } from './extension-points.ts';
export { chantierByChannel, chantiersByIds, findChantier, suggestChantiers, type Chantier } from './queries.ts';
