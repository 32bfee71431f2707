/**
 * What other plugins may use of the team plugin, and nothing else of this folder (the lint enforces
 * it): the extension points of `/résumé`, `/stats` and `/chantier`, and the chantiers, which team owns
 * (the admin plugin creates and archives them through these functions).
 * A plugin that imports this file lists 'team' in its manifest's dependencies.
 */
export {
	chantierSections,
	memberStats,
	statsPeriods,
	summarySections,
	type ChantierPeriod,
	type MemberStat,
	type Period,
	type SummarySection
} from './extension-points.ts';
export {
	chantierByChannel,
	chantierByCode,
	chantiersByIds,
	findChantier,
	insertChantier,
	listChantiers,
	setChantierStatus,
	suggestChantiers,
	type Chantier,
	type ChantierScope,
	type ChantierStatus,
	type NewChantier
} from './queries.ts';
