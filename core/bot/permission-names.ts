// Discord permission names as a member reads them in their language (Discord's own French labels).
import type { Locale } from '../i18n.ts';

const frenchPermissions: Record<string, string> = {
	Administrator: 'Administrateur',
	ManageGuild: 'Gérer le serveur',
	ManageMessages: 'Gérer les messages',
	ManageEvents: 'Gérer les événements',
	ManageChannels: 'Gérer les salons',
	ManageRoles: 'Gérer les rôles',
	ModerateMembers: 'Exclure temporairement des membres',
	KickMembers: 'Expulser des membres',
	BanMembers: 'Bannir des membres',
	SendMessages: 'Envoyer des messages',
	EmbedLinks: 'Intégrer des liens',
	AttachFiles: 'Joindre des fichiers',
	ViewChannel: 'Voir le salon',
	ReadMessageHistory: 'Voir les anciens messages',
	MentionEveryone: 'Mentionner @everyone, @here et tous les rôles',
	AddReactions: 'Ajouter des réactions',
	Connect: 'Se connecter'
};

export function permissionName(permission: string, locale: Locale): string {
	return locale === 'fr' ? (frenchPermissions[permission] ?? permission) : permission.replace(/([a-z])([A-Z])/g, '$1 $2');
}
