import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { basename, extname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { container, type Piece } from '@sapphire/framework';
import { parseManifest, type PluginManifest } from './manifest.ts';
import { isPieceModule, pieceFolders, pieceKinds, type StoreName } from './piece-kinds.ts';

export const manifestFiles = ['plugin.ts', 'plugin.js', 'plugin.mjs'];

/** A piece class found in a plugin file, not yet constructed. */
export interface PieceSource {
	store: StoreName;
	/** Root of the piece folder (e.g. plugins/tasks/routes): route paths are relative to it. */
	root: string;
	file: string;
	fileName: string;
	qualified: boolean;
	Ctor: new (context: Piece.LoaderContext, options: Piece.Options) => Piece;
}

export function findManifestFile(folder: string): string | undefined {
	return manifestFiles.map((file) => join(folder, file)).find((file) => existsSync(file));
}

/**
 * Imports a plugin's manifest at a given version. The module versions hook gives the whole folder
 * the same version, so helpers are re-imported with it. Throws with the file named.
 */
export async function importManifest(folder: string, version: string): Promise<PluginManifest> {
	const manifestFile = findManifestFile(folder);
	if (!manifestFile) throw new Error(`no ${manifestFiles[0]} manifest`);
	const manifestModule = await importVersioned(manifestFile, version);
	return parseManifest(manifestModule.default, basename(folder));
}

/** The piece modules of a plugin folder as they are on disk now (a new or deleted file changes the plugin). */
export async function listPieceFiles(folder: string): Promise<string[]> {
	const files: string[] = [];
	for (const pieceFolder of pieceFolders) files.push(...(await listModules(join(folder, pieceFolder))));
	return files;
}

/**
 * Imports every piece file of a plugin folder at a given version (after its manifest).
 * Throws (with the file named) when any import fails; nothing is inserted into the stores here.
 */
export async function importPieces(folder: string, version: string): Promise<PieceSource[]> {
	const pieces: PieceSource[] = [];
	for (const pieceFolder of pieceFolders) {
		const root = join(folder, pieceFolder);
		const kind = pieceKinds[pieceFolder];
		const store = container.stores.get(kind.store as never) as { Constructor: abstract new (...args: never[]) => Piece } | undefined;
		if (!store) continue;
		for (const file of await listModules(root)) {
			const module = await importVersioned(file, version);
			const classes = Object.values(module).filter(
				(value): value is PieceSource['Ctor'] => typeof value === 'function' && value.prototype instanceof store.Constructor
			);
			if (classes.length === 0) throw new Error(`${relative(folder, file)} exports no ${kind.store} piece class`);
			for (const Ctor of classes) {
				pieces.push({ store: kind.store, root, file, fileName: basename(file, extname(file)), qualified: kind.qualified, Ctor });
			}
		}
	}
	return pieces;
}

async function importVersioned(file: string, version: string): Promise<Record<string, unknown>> {
	const url = pathToFileURL(file);
	url.searchParams.set('plugin-version', version);
	try {
		return (await import(url.href)) as Record<string, unknown>;
	} catch (error) {
		// The module hook's syntax errors name the file already.
		const message = (error as Error).message;
		throw new Error(message.includes(file) ? message : `${file}: ${message}`, { cause: error });
	}
}

async function listModules(root: string): Promise<string[]> {
	let entries;
	try {
		entries = await readdir(root, { withFileTypes: true, recursive: true });
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
		throw error;
	}
	return entries
		.filter((entry) => entry.isFile() && isPieceModule(entry.name))
		.map((entry) => join(entry.parentPath, entry.name))
		.sort();
}
