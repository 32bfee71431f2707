// Texts of /configurerpermissions and /auditserveur, French and English (kept apart from text.ts so the chantier texts stay readable).
import { defineMessages, inEnglish } from '#core/plugin-kit.ts';

export const permissionsText = defineMessages({
	fr: {
		configurerDescription: 'Compare les permissions des catégories à la matrice du serveur, puis les applique',
		categoryOption: 'Une seule catégorie (toutes celles que la matrice gère sinon)',
		notACategory: '« {name} » n’est pas une catégorie.',
		notManaged: 'La matrice ne gère pas la catégorie « {name} » : aucune règle pour son type, ou elle n’a pas de type (chantier, archive, direction, général).',
		nothingManaged: 'La matrice ne gère aucune catégorie de ce serveur. Réglez-la avec `/config définir core permissions` (voir docs/permissions.md).',
		upToDateTitle: 'Permissions conformes',
		upToDate: '{count, plural, one {La catégorie vérifiée est conforme} other {Les # catégories vérifiées sont conformes}} à la matrice.',
		diffTitle: '{count, plural, one {# permission à changer} other {# permissions à changer}}',
		diffMore: '… et {count} de plus.',
		unknownRoles: 'Rôles de la matrice absents du serveur (ignorés) : {roles}',
		applyConfirm: 'Appliquer',
		appliedTitle: 'Permissions appliquées',
		applied: '{count, plural, one {# permission changée} other {# permissions changées}} :\n{lines}',
		appliedPartly: 'Discord a refusé après {applied, plural, one {# changement} other {# changements}} sur {total} : {error}',
		noLongerNeeded: 'Plus rien à changer : les permissions ont été mises à jour entre-temps.',
		logApplied: '<@{actor}> a appliqué la matrice des permissions : {count, plural, one {# permission changée} other {# permissions changées}}.',
		logTitle: 'Permissions',
		auditDescription: 'Exporte la structure du serveur en JSON et liste les problèmes trouvés',
		auditTitle: 'Audit du serveur',
		auditSummary: '{categories, plural, one {# catégorie} other {# catégories}}, {channels, plural, one {# salon} other {# salons}}, {roles, plural, one {# rôle} other {# rôles}}, {members, plural, one {# membre} other {# membres}}.',
		auditNoProblem: 'Aucun problème trouvé.',
		problemOutsideCategory: 'Salons hors catégorie ({count})',
		problemAdministrator: 'Rôles avec Administrateur ({count})',
		problemOverwrites: 'Salons différents de la matrice ({count})',
		problemChantierGone: 'Chantiers dont les salons ont disparu ({count})',
		problemMore: '… et {count} de plus',
		// the prefix forms, as `!aide <commande>` shows them
		usageAudit: '`{prefix}auditserveur`',
		usageConfigurer: '`{prefix}configurerpermissions [catégorie]` : la catégorie par sa mention, son nom ou son identifiant ; sans elle, toutes celles que la matrice gère'
	},
	en: {
		configurerDescription: 'Compares the categories’ permissions with the server’s matrix, then applies it',
		categoryOption: 'One category only (otherwise every category the matrix manages)',
		notACategory: '"{name}" is not a category.',
		notManaged: 'The matrix does not manage the category "{name}": no rule for its kind, or it has no kind (chantier, archive, direction, général).',
		nothingManaged: 'The matrix manages no category of this server. Set it with `/config définir core permissions` (see docs/permissions.md).',
		upToDateTitle: 'Permissions up to date',
		upToDate: '{count, plural, one {The category checked matches} other {The # categories checked match}} the matrix.',
		diffTitle: '{count, plural, one {# permission to change} other {# permissions to change}}',
		diffMore: '… and {count} more.',
		unknownRoles: 'Roles of the matrix this server does not have (ignored): {roles}',
		applyConfirm: 'Apply',
		appliedTitle: 'Permissions applied',
		applied: '{count, plural, one {# permission changed} other {# permissions changed}}:\n{lines}',
		appliedPartly: 'Discord refused after {applied, plural, one {# change} other {# changes}} out of {total}: {error}',
		noLongerNeeded: 'Nothing left to change: the permissions were updated in the meantime.',
		logApplied: '<@{actor}> applied the permission matrix: {count, plural, one {# permission changed} other {# permissions changed}}.',
		logTitle: 'Permissions',
		auditDescription: 'Exports the server’s structure as JSON and lists the problems found',
		auditTitle: 'Server audit',
		auditSummary: '{categories, plural, one {# category} other {# categories}}, {channels, plural, one {# channel} other {# channels}}, {roles, plural, one {# role} other {# roles}}, {members, plural, one {# member} other {# members}}.',
		auditNoProblem: 'No problem found.',
		problemOutsideCategory: 'Channels outside a category ({count})',
		problemAdministrator: 'Roles holding Administrator ({count})',
		problemOverwrites: 'Channels that differ from the matrix ({count})',
		problemChantierGone: 'Chantiers whose channels are gone ({count})',
		problemMore: '… and {count} more',
		usageAudit: '`{prefix}serveraudit`',
		usageConfigurer: '`{prefix}setuppermissions [category]`: the category by its mention, name or id; without one, every category the matrix manages'
	}
});

export const permissionsEnglish = (key: Parameters<ReturnType<typeof permissionsText>>[0]) => inEnglish(permissionsText('en')(key));
