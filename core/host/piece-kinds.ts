/**
 * The Sapphire stores a plugin may bring, by folder name. Names that users or other pieces refer to
 * (commands, preconditions, arguments) stay as written and must be unique across plugins; the others
 * are qualified as `<plugin>.<file>` so two plugins can both have `listeners/ready.ts`.
 */
export const pieceKinds = {
	commands: { store: 'commands', qualified: false },
	listeners: { store: 'listeners', qualified: true },
	preconditions: { store: 'preconditions', qualified: false },
	arguments: { store: 'arguments', qualified: false },
	'interaction-handlers': { store: 'interaction-handlers', qualified: true },
	routes: { store: 'routes', qualified: true },
	'scheduled-tasks': { store: 'scheduled-tasks', qualified: true }
} as const;

export type PieceFolder = keyof typeof pieceKinds;
export type StoreName = (typeof pieceKinds)[PieceFolder]['store'];

export const pieceFolders = Object.keys(pieceKinds) as PieceFolder[];

const moduleExtensions = ['.ts', '.mts', '.js', '.mjs'];

/** Files the host imports: code, not type declarations, tests, or files marked private with `_`. */
export function isPieceModule(fileName: string): boolean {
	if (fileName.startsWith('_') || fileName.startsWith('.')) return false;
	if (/\.(test|spec)\.[cm]?[jt]s$/.test(fileName) || /\.d\.[cm]?ts$/.test(fileName)) return false;
	return moduleExtensions.some((extension) => fileName.endsWith(extension));
}
