import { EventEmitter } from 'node:events';
import { readdir } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { container, type Piece } from '@sapphire/framework';
import { recordAudit } from '../audit.ts';
import type { Logger } from '../log.ts';
import { pluginMetrics } from '../metrics.ts';
import { Extensions, type Contribution, type ExtensionPoint } from './extension-points.ts';
import { gatePiece, type PluginGate } from './gates.ts';
import { findManifestFile, importPlugin, type PieceSource } from './loader.ts';
import type { PluginDispose, PluginManifest } from './manifest.ts';
import { moduleVersions } from './module-versions.ts';
import type { StoreName } from './piece-kinds.ts';
import type { PluginSwitches } from './switches.ts';

export type PluginStatus = 'active' | 'failed' | 'skipped';

export interface PluginRecord {
	name: string;
	folder: string;
	status: PluginStatus;
	manifest?: PluginManifest;
	/** Why the plugin is failed or skipped, or why the last reload was refused (the previous version still runs). */
	error?: string;
	loadedAt?: Date;
	reloads: number;
	pieces: { store: StoreName; piece: Piece }[];
	settings?: unknown;
	dispose?: PluginDispose;
}

export interface PluginHostOptions {
	pluginsDir: string;
	logger: Logger;
	switches: PluginSwitches;
	/** Plugins never loaded (the `--without-plugin` switch and PLUGINS_DISABLED). */
	skipped: string[];
	/** Reads a plugin's stored settings (undefined when none are stored). */
	readSettings(plugin: string): Promise<unknown>;
	/** Tells members a plugin is off; given by the core so the host stays free of Discord UI. */
	replyDisabled(plugin: string, interaction: unknown): Promise<void>;
	reportError(plugin: string, piece: Piece, error: unknown, subject?: unknown): void;
}

/** Why a switch was refused; the admin plugin words it in the admin's language. */
export class PluginSwitchError extends Error {
	constructor(
		readonly reason: 'unknown' | 'required' | 'dependencies',
		readonly plugin: string,
		readonly dependencies: string[] = []
	) {
		super(`${reason}: ${plugin}${dependencies.length > 0 ? ` needs ${dependencies.join(', ')}` : ''}`);
	}
}

/**
 * Loads plugin folders into Sapphire's stores and keeps them in step with the disk and with the
 * admins' switches. Emits `changed` whenever the set of live pieces or switches changes.
 */
export class PluginHost extends EventEmitter<{ changed: [] }> implements PluginGate {
	readonly pluginsDir: string;
	private readonly records = new Map<string, PluginRecord>();
	private readonly extensions = new Extensions();
	private readonly owners = new WeakMap<Piece, string>();
	private versionCounter = 0;
	/** Loads are serialized: a reload racing another would interleave store inserts. */
	private queue: Promise<unknown> = Promise.resolve();

	constructor(private readonly options: PluginHostOptions) {
		super();
		this.pluginsDir = resolve(options.pluginsDir);
		options.switches.onChange(() => this.emit('changed'));
	}

	list(): PluginRecord[] {
		return [...this.records.values()].sort((a, b) => a.name.localeCompare(b.name));
	}

	get(name: string): PluginRecord | undefined {
		return this.records.get(name);
	}

	pluginOf(piece: Piece): string | undefined {
		return this.owners.get(piece);
	}

	/** Whether a plugin runs for a guild (or bot-wide): loaded, switched on, and so are its dependencies. */
	isActive(plugin: string, guildId?: string | null, seen = new Set<string>()): boolean {
		const record = this.records.get(plugin);
		if (!record?.manifest || record.status !== 'active' || seen.has(plugin)) return false;
		seen.add(plugin);
		if (!this.isSwitchedOn(record.manifest, guildId)) return false;
		return record.manifest.dependencies.every((dependency) => this.isActive(dependency, guildId, seen));
	}

	isSwitchedOn(manifest: PluginManifest, guildId?: string | null): boolean {
		if (manifest.required) return true;
		const current = this.options.switches.get(manifest.name);
		const forGuild = guildId ? current.guilds[guildId] : undefined;
		return forGuild ?? current.global ?? manifest.enabledByDefault;
	}

	/** What the plugins active in this guild (or bot-wide) contributed to an extension point. */
	contributions<T>(point: ExtensionPoint<T>, guildId?: string | null): Contribution<T>[] {
		return this.extensions.list(point, (plugin) => this.isActive(plugin, guildId));
	}

	/** Plugins that depend on this one, directly or not. */
	dependentsOf(plugin: string): string[] {
		const found = new Set<string>();
		const visit = (name: string) => {
			for (const record of this.records.values()) {
				if (record.manifest?.dependencies.includes(name) && !found.has(record.name)) {
					found.add(record.name);
					visit(record.name);
				}
			}
		};
		visit(plugin);
		return [...found];
	}

	async setEnabled(plugin: string, enabled: boolean, options: { guildId?: string; actor: string }): Promise<void> {
		const record = this.records.get(plugin);
		if (!record?.manifest) throw new PluginSwitchError('unknown', plugin);
		if (record.manifest.required && !enabled) throw new PluginSwitchError('required', plugin);
		if (enabled) {
			const off = record.manifest.dependencies.filter((dependency) => !this.isActive(dependency, options.guildId));
			if (off.length > 0) throw new PluginSwitchError('dependencies', plugin, off);
		}
		await this.options.switches.set(plugin, enabled, options);
		await recordAudit({
			kind: 'changement_config',
			guildId: options.guildId,
			actorId: options.actor,
			action: enabled ? 'plugin.enable' : 'plugin.disable',
			target: plugin,
			details: { scope: options.guildId ? 'guild' : 'global' }
		});
	}

	reportError(plugin: string, piece: Piece, error: unknown, subject?: unknown): void {
		this.options.reportError(plugin, piece, error, subject);
	}

	replyDisabled(plugin: string, interaction: unknown): Promise<void> {
		return this.options.replyDisabled(plugin, interaction);
	}

	/** Loads every plugin folder; one that fails is reported and skipped, the others load. */
	async loadAll(): Promise<void> {
		const entries = await readdir(this.pluginsDir, { withFileTypes: true }).catch(() => []);
		for (const entry of entries.filter((item) => item.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
			await this.load(entry.name);
		}
	}

	/** Loads or reloads one plugin folder; on failure a running previous version is kept. */
	load(name: string): Promise<PluginRecord | undefined> {
		return this.serialize(() => this.loadNow(name));
	}

	/** Removes a plugin whose folder is gone. */
	remove(name: string): Promise<void> {
		return this.serialize(() => this.removeNow(name));
	}

	async unloadAll(): Promise<void> {
		await this.serialize(async () => {
			for (const record of this.records.values()) await this.unloadPieces(record, 'unload');
			this.records.clear();
		});
	}

	private serialize<T>(work: () => Promise<T>): Promise<T> {
		const result = this.queue.then(work, work);
		this.queue = result.catch(() => undefined);
		return result;
	}

	private async loadNow(name: string): Promise<PluginRecord | undefined> {
		const folder = join(this.pluginsDir, name);
		const logger = this.options.logger.child({ plugin: name });
		if (!findManifestFile(folder)) {
			await this.removeNow(name);
			return undefined;
		}
		const previous = this.records.get(name);
		if (this.options.skipped.includes(name)) {
			const record: PluginRecord = { name, folder, status: 'skipped', error: 'skipped at start-up', reloads: 0, pieces: [] };
			this.records.set(name, record);
			logger.warn('Plugin skipped at start-up (--without-plugin / PLUGINS_DISABLED)');
			return record;
		}
		const version = String(++this.versionCounter);
		let previousUnloaded = false;
		let record: PluginRecord | undefined;
		try {
			await moduleVersions().set(folder, version);
			const code = await importPlugin(folder, version);
			const settings = await this.parseSettings(code.manifest);
			const pieces = code.pieces.map((source) => this.construct(source, name));
			this.refuseClashes(name, pieces, folder);
			// From here the previous version is gone: a failure below leaves the plugin failed, not the old one running.
			previousUnloaded = previous !== undefined;
			if (previous) await this.unloadPieces(previous, 'reload');
			record = {
				name,
				folder,
				status: 'active',
				manifest: code.manifest,
				loadedAt: new Date(),
				reloads: previous ? previous.reloads + 1 : 0,
				pieces: [],
				settings
			};
			this.records.set(name, record);
			for (const { store, piece, source } of pieces) {
				gatePiece(store, piece, name, this);
				this.owners.set(piece, name);
				await (container.stores.get(store as never) as { insert(piece: Piece): Promise<Piece> }).insert(piece);
				record.pieces.push({ store, piece });
				logger.debug({ store, piece: piece.name, file: relative(folder, source.file) }, 'Piece loaded');
			}
			const dispose = await code.manifest.onLoad?.({
				settings,
				contribute: (point, value) => this.extensions.add(point, name, value)
			});
			if (typeof dispose === 'function') record.dispose = dispose;
			pluginMetrics.loads.inc({ plugin: name, result: 'ok' });
			pluginMetrics.status.set({ plugin: name }, 1);
			logger.info({ version: code.manifest.version, pieces: record.pieces.length }, previous ? 'Plugin reloaded' : 'Plugin loaded');
			this.emit('changed');
			if (previous) await this.reloadDependents(name);
			return record;
		} catch (error) {
			const message = (error as Error).message;
			pluginMetrics.loads.inc({ plugin: name, result: 'error' });
			if (previous?.status === 'active' && !previousUnloaded && !record) {
				previous.error = `reload refused: ${message}`;
				logger.error({ err: error }, 'Plugin reload failed; the previous version keeps running');
				return previous;
			}
			// A piece or onLoad failed after the switch of versions: take out what the new version started.
			if (record) await this.unloadPieces(record, 'unload');
			const failed: PluginRecord = { name, folder, status: 'failed', error: message, reloads: previous?.reloads ?? 0, pieces: [] };
			this.records.set(name, failed);
			pluginMetrics.status.set({ plugin: name }, 0);
			logger.error({ err: error }, 'Plugin failed to load and is skipped');
			this.emit('changed');
			return failed;
		}
	}

	private async removeNow(name: string): Promise<void> {
		const record = this.records.get(name);
		if (!record) return;
		await this.unloadPieces(record, 'unload');
		await moduleVersions().set(record.folder, null);
		this.records.delete(name);
		pluginMetrics.status.remove({ plugin: name });
		this.options.logger.info({ plugin: name }, 'Plugin removed');
		this.emit('changed');
	}

	/** A dependent imported the old code of this plugin; importing it again binds it to the new one. */
	private async reloadDependents(name: string): Promise<void> {
		for (const dependent of this.dependentsOf(name)) {
			if (this.records.get(dependent)?.status === 'active') await this.loadNow(dependent);
		}
	}

	private async parseSettings(manifest: PluginManifest): Promise<unknown> {
		if (!manifest.settings) return undefined;
		const stored = await this.options.readSettings(manifest.name);
		const result = manifest.settings.safeParse(stored ?? {});
		if (!result.success) {
			const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
			throw new Error(`invalid settings: ${problems}`);
		}
		return result.data;
	}

	private construct(source: PieceSource, plugin: string) {
		const store = container.stores.get(source.store as never) as unknown as Piece['store'];
		const piece = new source.Ctor({ store, root: source.root, path: source.file, name: source.fileName }, { enabled: true });
		// Qualified after construction: many pieces pass their own options to super() and drop ours,
		// and a route derives its path from the file name in the context, which must stay unqualified.
		if (source.qualified) Object.defineProperty(piece, 'name', { value: `${plugin}.${piece.name}`, enumerable: true });
		return { store: source.store, piece, source };
	}

	private refuseClashes(plugin: string, pieces: { store: StoreName; piece: Piece; source: PieceSource }[], folder: string): void {
		const seen = new Map<string, string>();
		for (const { store, piece, source } of pieces) {
			const key = `${store}:${piece.name}`;
			const here = relative(this.pluginsDir, source.file);
			const sameFolder = seen.get(key);
			if (sameFolder) throw new Error(`${store} name "${piece.name}" is used twice: ${sameFolder} and ${here}`);
			seen.set(key, here);
			const existing = (container.stores.get(store as never) as unknown as Map<string, Piece>).get(piece.name);
			if (!existing) continue;
			const owner = this.owners.get(existing);
			if (owner === plugin) continue;
			const where = existing.location.full.startsWith(folder) ? existing.location.full : relative(process.cwd(), existing.location.full);
			throw new Error(`${store} name "${piece.name}" in ${here} clashes with ${owner ? `plugin "${owner}"` : 'the core'} (${where})`);
		}
	}

	/** `reload`: a new version of the plugin follows at once; `unload`: the plugin stops (removed, failed, shutdown). */
	private async unloadPieces(record: PluginRecord, reason: 'reload' | 'unload'): Promise<void> {
		try {
			await record.dispose?.(reason);
		} catch (error) {
			this.options.logger.error({ plugin: record.name, err: error }, 'Plugin clean-up failed');
		}
		for (const { store, piece } of record.pieces) {
			const live = container.stores.get(store as never) as unknown as Map<string, Piece> & { unload(piece: Piece): Promise<Piece> };
			if (live.get(piece.name) === piece) await live.unload(piece);
		}
		record.pieces = [];
		record.dispose = undefined;
		this.extensions.dropPlugin(record.name);
	}
}
