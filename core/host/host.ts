import { EventEmitter } from 'node:events';
import { readdir } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { container, type Command, type Piece } from '@sapphire/framework';
import type { Route } from '@sapphire/plugin-api';
import type { ScheduledTask } from '@sapphire/plugin-scheduled-tasks';
import { recordAudit } from '../audit.ts';
import { scheduleProblem } from '../scheduler/scheduler.ts';
import type { Logger } from '../log.ts';
import { pluginMetrics } from '../metrics.ts';
import { applicationCommandKey, commandDefinitions } from './command-definitions.ts';
import { VersionContext, type PluginContext, type PluginDispose } from './context.ts';
import { Extensions, type Contribution, type ExtensionPoint } from './extension-points.ts';
import { gatePiece, type PluginGate } from './gates.ts';
import { dependentsInOrder, planLoads } from './graph.ts';
import { InFlight } from './in-flight.ts';
import { findManifestFile, importManifest, importPieces, listPieceFiles, type PieceSource } from './loader.ts';
import type { PluginManifest } from './manifest.ts';
import { fileDigest, moduleVersions } from './module-versions.ts';
import type { StoreName } from './piece-kinds.ts';
import { applyRootedPath } from './route-paths.ts';
import type { SettingsStore } from './settings.ts';
import type { PluginSwitches } from './switches.ts';

/**
 * How a plugin's code stands: `active` (loaded and running), `waiting` (not loaded: a dependency is
 * not loaded), `failed` (refused or broken: `error` says why), `skipped` (`--without-plugin`).
 */
export type PluginStatus = 'active' | 'waiting' | 'failed' | 'skipped';

/** What a plugin does for a server (or bot-wide), as /plugins list, /api/health and metrics show it. */
export type PluginState = 'active' | 'off' | 'waiting' | 'failed' | 'skipped';

export const pluginStates: readonly PluginState[] = ['active', 'off', 'waiting', 'failed', 'skipped'];

export interface PluginRecord {
	name: string;
	folder: string;
	status: PluginStatus;
	/** The running version's manifest; for a failed or waiting plugin, the one read, if it could be. */
	manifest?: PluginManifest;
	/** Why the plugin is failed, what it waits for, or why the last reload was refused (the previous version still runs). */
	error?: string;
	/** The dependencies a waiting plugin waits for. */
	waitingFor?: string[];
	loadedAt?: Date;
	reloads: number;
	pieces: { store: StoreName; piece: Piece }[];
	/** The bot-wide settings when this version loaded (servers may override them: `ctx.settings(guildId)`). */
	settings?: unknown;
}

/** What a load or reload did; `/plugins reload` words it for the admin. */
export type LoadOutcome = 'loaded' | 'reloaded' | 'unchanged' | 'refused' | 'failed' | 'waiting' | 'skipped' | 'removed';

export interface PluginHostOptions {
	pluginsDir: string;
	logger: Logger;
	switches: PluginSwitches;
	settings: SettingsStore;
	/** Plugins never loaded (the `--without-plugin` switch and PLUGINS_DISABLED). */
	skipped: string[];
	/** Tells members a plugin is off; given by the core so the host stays free of Discord UI. */
	replyDisabled(plugin: string, interaction: unknown): Promise<void>;
	reportError(plugin: string, piece: Piece, error: unknown, subject?: unknown): void;
	/** How long a reload or a stop lets calls of the old version finish before its clean-up (default 5 s). */
	drainTimeoutMs?: number;
	/** How long a plugin's import, then its `onLoad`, may take before the plugin is refused (default 30 s). */
	loadTimeoutMs?: number;
}

class LoadTimeout extends Error {}

/** Why a switch was refused; the admin plugin words it in the admin's language. */
export class PluginSwitchError extends Error {
	readonly reason: 'unknown' | 'required' | 'dependencies';
	readonly plugin: string;
	readonly dependencies: string[];

	constructor(
		reason: 'unknown' | 'required' | 'dependencies',
		plugin: string,
		dependencies: string[] = []
	) {
		super(`${reason}: ${plugin}${dependencies.length > 0 ? ` needs ${dependencies.join(', ')}` : ''}`);
		this.reason = reason;
		this.plugin = plugin;
		this.dependencies = dependencies;
	}
}

/** A loaded version's own things: what it registered, what runs in it. */
interface LiveVersion {
	id: string;
	context: VersionContext;
	inFlight: InFlight;
	/** Piece modules on disk when it loaded: a file added or removed is a change. */
	pieceFiles: string[];
}

interface ConstructedPiece {
	store: StoreName;
	piece: Piece;
	source: PieceSource;
}

/** A plugin version imported and constructed, not yet live. */
interface Candidate {
	name: string;
	folder: string;
	version: string;
	manifest: PluginManifest;
	pieces: ConstructedPiece[];
	pieceFiles: string[];
}

/** A name Discord or Sapphire needs unique: a command, precondition or argument, or an application command. */
/** A method and path as the router matches them: parameters by position, whatever their names. */
const routeKey = (method: string, route: Route) => `route|${method} /${route.path.map((part) => (part.startsWith('[') ? '[]' : part)).join('/')}`;

interface UniqueName {
	key: string;
	label: string;
	file: string;
}

/**
 * Loads plugin folders into Sapphire's stores and keeps them in step with the disk and with the
 * admins' switches. Dependencies are checked as a graph; loads follow it. A reload registers the new
 * version before the old one stops, and lets the old one's calls finish first. Emits `changed`
 * whenever the set of live pieces, switches or settings changes, and `loaded` after every load or
 * reload with what it did (`unchanged` included).
 */
export class PluginHost extends EventEmitter<{ changed: []; loaded: [plugin: string, outcome: LoadOutcome] }> implements PluginGate {
	readonly pluginsDir: string;
	private readonly records = new Map<string, PluginRecord>();
	private readonly live = new Map<string, LiveVersion>();
	private readonly kept = new Map<string, Map<string, unknown>>();
	private readonly settingsListeners = new Map<string, Set<() => void>>();
	private readonly settingsSeen = new Map<string, string>();
	private readonly extensions = new Extensions();
	private readonly owners = new WeakMap<Piece, string>();
	private versionCounter = 0;
	/** Loads are serialized: a reload racing another would interleave store inserts. */
	private queue: Promise<unknown> = Promise.resolve();

	private readonly options: PluginHostOptions;

	constructor(options: PluginHostOptions) {
		super();
		this.options = options;
		this.pluginsDir = resolve(options.pluginsDir);
		options.switches.onChange(() => this.emit('changed'));
		options.settings.onChange(() => this.settingsChanged());
		this.on('changed', () => this.publishStates());
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

	/** The context of a running plugin, by name or by one of its pieces. */
	contextOf<Settings = unknown>(pluginOrPiece: string | Piece): PluginContext<Settings> | undefined {
		const name = typeof pluginOrPiece === 'string' ? pluginOrPiece : this.owners.get(pluginOrPiece);
		return name ? (this.live.get(name)?.context as PluginContext<Settings> | undefined) : undefined;
	}

	/** Whether a plugin runs for a guild (or bot-wide): loaded, switched on, and so are its dependencies. */
	isActive(plugin: string, guildId?: string | null): boolean {
		return this.#activeBelow(plugin, guildId, []);
	}

	/** `path`: the plugins on the way down, not every plugin visited, since two dependencies may share one (a diamond). */
	#activeBelow(plugin: string, guildId: string | null | undefined, path: string[]): boolean {
		const record = this.records.get(plugin);
		if (!record?.manifest || record.status !== 'active' || path.includes(plugin)) return false;
		if (!this.isSwitchedOn(record.manifest, guildId)) return false;
		const { dependencies } = record.manifest;
		if (dependencies.length === 0) return true;
		// Asked on every request and interaction: one array for the whole walk, not a set per level.
		path.push(plugin);
		const active = dependencies.every((dependency) => this.#activeBelow(dependency, guildId, path));
		path.pop();
		return active;
	}

	isSwitchedOn(manifest: PluginManifest, guildId?: string | null): boolean {
		if (manifest.required) return true;
		const current = this.options.switches.get(manifest.name);
		const forGuild = guildId ? current.guilds[guildId] : undefined;
		return forGuild ?? current.global ?? manifest.enabledByDefault;
	}

	/**
	 * What a plugin does in a guild (or bot-wide): a plugin whose dependency is failed, missing or
	 * switched off is `waiting` for it, never `active`.
	 */
	stateOf(plugin: string, guildId?: string | null): { state: PluginState; waitingFor?: string[]; error?: string } | undefined {
		const record = this.records.get(plugin);
		if (!record) return undefined;
		if (record.status !== 'active' || !record.manifest) {
			return { state: record.status === 'active' ? 'failed' : record.status, waitingFor: record.waitingFor, error: record.error };
		}
		const waitingFor = record.manifest.dependencies.filter((dependency) => !this.isActive(dependency, guildId));
		if (waitingFor.length > 0) return { state: 'waiting', waitingFor, error: `waiting for ${waitingFor.join(', ')}` };
		return { state: this.isSwitchedOn(record.manifest, guildId) ? 'active' : 'off', error: record.error };
	}

	/** What the plugins active in this guild (or bot-wide) contributed to an extension point. */
	contributions<T>(point: ExtensionPoint<T>, guildId?: string | null): Contribution<T>[] {
		return this.extensions.list(point, (plugin, owner) => this.live.get(plugin) === owner && this.isActive(plugin, guildId));
	}

	/** Plugins that depend on this one, directly or not, in load order. */
	dependentsOf(plugin: string): string[] {
		return dependentsInOrder(plugin, this.declaredGraph());
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

	/**
	 * Loads every plugin folder, in dependency order. Refused (a cycle, a self-dependency, a dependency
	 * not installed, a name clash) or broken plugins are reported and skipped; the others load.
	 */
	loadAll(): Promise<void> {
		return this.serialize(() => this.loadAllNow());
	}

	/** Loads a plugin folder, or reloads it when the code it runs changed on disk (or `force`), then its dependents. */
	load(name: string, options: { force?: boolean } = {}): Promise<PluginRecord | undefined> {
		return this.serialize(async () => {
			await this.loadNow(name, { force: options.force ?? false, cascade: true });
			return this.records.get(name);
		});
	}

	/** `/plugins reload`: like `load`, and says what happened. */
	reload(name: string): Promise<{ outcome: LoadOutcome; record: PluginRecord | undefined }> {
		return this.serialize(async () => {
			const outcome = await this.loadNow(name, { force: false, cascade: true });
			return { outcome, record: this.records.get(name) };
		});
	}

	/** Removes a plugin whose folder is gone. */
	remove(name: string): Promise<void> {
		return this.serialize(() => this.removeNow(name));
	}

	/** Stops every plugin, dependents first, letting what runs finish (bounded). */
	async unloadAll(): Promise<void> {
		await this.serialize(async () => {
			const order = planLoads(this.declaredGraph(), new Set(this.records.keys())).order;
			const stopOrder = [...new Set([...order, ...this.records.keys()])].reverse();
			for (const name of stopOrder) await this.stopVersion(name, 'unload');
			this.records.clear();
		});
	}

	private serialize<T>(work: () => Promise<T>): Promise<T> {
		const result = this.queue.then(work, work);
		this.queue = result.catch(() => undefined);
		return result;
	}

	private async loadAllNow(): Promise<void> {
		const entries = await readdir(this.pluginsDir, { withFileTypes: true }).catch(() => []);
		const names = entries
			.filter((entry) => entry.isDirectory() && findManifestFile(join(this.pluginsDir, entry.name)))
			.map((entry) => entry.name)
			.sort();
		const toLoad: string[] = [];
		for (const name of names) {
			if (this.options.skipped.includes(name)) this.markSkipped(name);
			else toLoad.push(name);
		}
		// Every folder gets its version before any import: a plugin importing a dependency's public.ts
		// then binds to the very module that dependency loads with.
		const versions = new Map(toLoad.map((name) => [name, this.nextVersion()]));
		await Promise.all(toLoad.map((name) => moduleVersions().set(this.folderOf(name), versions.get(name)!)));

		const candidates = new Map<string, Candidate>();
		const broken = new Map<string, { error: Error; manifest?: PluginManifest }>();
		for (const name of toLoad) {
			try {
				candidates.set(name, await this.inTime(this.importCandidate(name, versions.get(name)!), 'its import (a top-level await)'));
			} catch (error) {
				broken.set(name, { error: error as Error, manifest: (error as { manifest?: PluginManifest }).manifest });
				await moduleVersions().set(this.folderOf(name), null);
			}
		}
		const declared = new Map<string, string[]>();
		for (const [name, { manifest }] of candidates) declared.set(name, manifest.dependencies);
		for (const [name, { manifest }] of broken) if (manifest) declared.set(name, manifest.dependencies);
		const plan = planLoads(declared, new Set(names));

		for (const [name, { error, manifest }] of broken) {
			// A plugin that failed because a dependency's file is broken waits for that dependency.
			const culprit = [...broken.keys()].find((other) => other !== name && String(error.stack ?? error.message).includes(`${this.folderOf(other)}/`));
			if (culprit) this.markWaiting(name, [culprit], manifest);
			else this.markFailed(name, error.message, manifest);
		}
		for (const [name, reason] of plan.refused) {
			if (!candidates.has(name)) continue;
			this.markFailed(name, reason, declaredManifest(name));
			candidates.delete(name);
		}
		for (const [name, reason] of await this.resolveStartupClashes(candidates, plan.order)) {
			this.markFailed(name, reason, declaredManifest(name));
			candidates.delete(name);
		}
		for (const name of plan.order) {
			const candidate = candidates.get(name);
			if (!candidate) continue;
			const waitingFor = candidate.manifest.dependencies.filter((dependency) => this.records.get(dependency)?.status !== 'active');
			if (waitingFor.length > 0) this.markWaiting(name, waitingFor, candidate.manifest);
			else await this.activate(candidate, undefined);
		}
		for (const name of toLoad) if (!this.records.has(name)) this.markFailed(name, 'not loaded', declaredManifest(name));
		this.emit('changed');

		function declaredManifest(name: string): PluginManifest | undefined {
			return candidates.get(name)?.manifest ?? broken.get(name)?.manifest;
		}
	}

	private async loadNow(name: string, options: { force: boolean; cascade: boolean }): Promise<LoadOutcome> {
		const outcome = await this.loadOne(name, options.force);
		if (outcome !== 'unchanged' && outcome !== 'removed') this.emit('changed');
		this.emit('loaded', name, outcome);
		if (options.cascade && (outcome === 'loaded' || outcome === 'reloaded')) {
			// Dependents imported the old code of this plugin (or waited for it): each reloads once, in order.
			for (const dependent of dependentsInOrder(name, this.declaredGraph())) {
				// A failed dependent is tried again too: it may have failed for want of this plugin.
				if (this.records.get(dependent)?.status !== 'skipped') await this.loadNow(dependent, { force: true, cascade: false });
			}
		}
		return outcome;
	}

	private async loadOne(name: string, force: boolean): Promise<LoadOutcome> {
		const folder = this.folderOf(name);
		if (!findManifestFile(folder)) {
			await this.removeNow(name);
			return 'removed';
		}
		if (this.options.skipped.includes(name)) {
			this.markSkipped(name);
			return 'skipped';
		}
		const previous = this.records.get(name);
		const previousLive = this.live.get(name);
		if (previous?.status === 'active' && previousLive && !force && !(await this.changedOnDisk(folder, previousLive))) {
			this.options.logger.debug({ plugin: name }, 'Plugin files unchanged: not reloaded');
			return 'unchanged';
		}
		return this.loadCandidate(name, previous, previousLive);
	}

	private async loadCandidate(name: string, previous: PluginRecord | undefined, previousLive: LiveVersion | undefined): Promise<LoadOutcome> {
		const folder = this.folderOf(name);
		const version = this.nextVersion();
		await moduleVersions().set(folder, version);
		let candidate: Candidate;
		try {
			candidate = await this.inTime(this.importCandidate(name, version), 'its import (a top-level await)');
			const declared = this.declaredGraph();
			declared.set(name, candidate.manifest.dependencies);
			const refusal = planLoads(declared, new Set([...this.records.keys(), name])).refused.get(name);
			if (refusal) throw Object.assign(new Error(refusal), { manifest: candidate.manifest });
			const waitingFor = candidate.manifest.dependencies.filter((dependency) => this.records.get(dependency)?.status !== 'active');
			if (waitingFor.length > 0) {
				await moduleVersions().set(folder, previousLive?.id ?? null);
				if (previousLive) await this.stopVersion(name, 'unload');
				this.markWaiting(name, waitingFor, candidate.manifest);
				return 'waiting';
			}
			await this.refuseRuntimeClashes(candidate);
		} catch (error) {
			// The hook goes back to the running version, so later imports (a dependent's reload) never see the refused code.
			await moduleVersions().set(folder, previousLive?.id ?? null);
			return this.refuse(name, previous, error as Error);
		}
		return this.activate(candidate, previous);
	}

	/** Imports and constructs a version; throws with the file named. The error carries the manifest when it was read. */
	private async importCandidate(name: string, version: string): Promise<Candidate> {
		const folder = this.folderOf(name);
		const manifest = await importManifest(folder, version);
		try {
			const sources = await importPieces(folder, version);
			const pieces = sources.map((source) => this.construct(source, name));
			refuseDuplicatesWithin(pieces, this.pluginsDir);
			refuseBadSchedules(pieces, this.pluginsDir);
			if (manifest.settings) {
				await this.options.settings.refresh();
				this.options.settings.checkGlobal(name, manifest.settings);
			}
			return { name, folder, version, manifest, pieces, pieceFiles: await listPieceFiles(folder) };
		} catch (error) {
			throw Object.assign(error as Error, { manifest });
		}
	}

	/**
	 * A plugin that waits forever (a top-level await or an onLoad on a service that never answers) would hold
	 * every plugin after it, and the bot's start: it is refused once `loadTimeoutMs` has passed.
	 */
	private inTime<T>(step: Promise<T>, what: string): Promise<T> {
		const limitMs = this.options.loadTimeoutMs ?? 30_000;
		let timer: NodeJS.Timeout | undefined;
		const late = new Promise<never>((_, reject) => {
			timer = setTimeout(() => reject(new LoadTimeout(`${what} did not finish within ${limitMs / 1000} s`)), limitMs);
		});
		return Promise.race([step, late]).finally(() => clearTimeout(timer));
	}

	/** A refused load: a running previous version keeps running and says why; otherwise the plugin is failed. */
	private refuse(name: string, previous: PluginRecord | undefined, error: Error): LoadOutcome {
		if (previous?.status === 'active') {
			pluginMetrics.loads.inc({ plugin: name, result: 'error' });
			previous.error = `reload refused: ${error.message}`;
			this.options.logger.error({ plugin: name, err: error }, 'Plugin reload refused; the previous version keeps running');
			return 'refused';
		}
		this.markFailed(name, error.message, (error as { manifest?: PluginManifest }).manifest);
		return 'failed';
	}

	/**
	 * Makes a candidate the running version. On a reload the new version's `onLoad` runs and its pieces
	 * replace the old ones before the old version stops: nothing pressed or due in between is dropped.
	 */
	private async activate(candidate: Candidate, previous: PluginRecord | undefined): Promise<LoadOutcome> {
		const { name, folder, manifest } = candidate;
		const logger = this.options.logger.child({ plugin: name });
		const previousLive = this.live.get(name);
		const version: LiveVersion = { id: candidate.version, context: undefined as never, inFlight: new InFlight(), pieceFiles: candidate.pieceFiles };
		version.context = this.createContext(name, manifest, version, logger);
		const record: PluginRecord = {
			name,
			folder,
			status: 'active',
			manifest,
			loadedAt: new Date(),
			reloads: previous?.status === 'active' ? previous.reloads + 1 : (previous?.reloads ?? 0),
			pieces: [],
			settings: manifest.settings ? version.context.settings() : undefined
		};
		try {
			const loading = Promise.resolve(manifest.onLoad?.(version.context));
			// An onLoad that ends after being given up: what it returns is cleaned up at once (the context has ended).
			const dispose = await this.inTime(loading, 'onLoad').catch((error: unknown) => {
				if (error instanceof LoadTimeout) void loading.then((late) => typeof late === 'function' && version.context.onDispose(late as PluginDispose), () => undefined);
				throw error;
			});
			if (typeof dispose === 'function') version.context.onDispose(dispose as PluginDispose);
		} catch (error) {
			await version.context.dispose(previousLive ? 'reload' : 'unload');
			this.extensions.dropOwner(version);
			await moduleVersions().set(folder, previousLive?.id ?? null);
			return this.refuse(name, previous, new Error(`onLoad failed: ${(error as Error).message}`, { cause: error }));
		}

		const previousPieces = previous?.status === 'active' ? previous.pieces : [];
		this.records.set(name, record);
		this.live.set(name, version);
		try {
			for (const { store, piece, source } of candidate.pieces) {
				gatePiece(store, piece, name, this);
				version.inFlight.track(store, piece);
				this.owners.set(piece, name);
				await storeOf(store).insert(piece);
				record.pieces.push({ store, piece });
				logger.debug({ store, piece: piece.name, file: relative(folder, source.file) }, 'Piece loaded');
			}
		} catch (error) {
			await this.unloadPieces(record.pieces);
			await version.context.dispose(previousLive ? 'reload' : 'unload');
			this.extensions.dropOwner(version);
			if (previous?.status === 'active' && previousLive) {
				// Put the previous version back as it was: its pieces, its context.
				for (const { store, piece } of previousPieces) if (!storeOf(store).has(piece.name)) await storeOf(store).insert(piece);
				this.records.set(name, previous);
				this.live.set(name, previousLive);
				await moduleVersions().set(folder, previousLive.id);
			} else {
				this.live.delete(name);
				await moduleVersions().set(folder, null);
			}
			return this.refuse(name, this.records.get(name) === previous ? previous : undefined, error as Error);
		}
		if (previousLive) {
			const replaced = new Set(record.pieces.map(({ store, piece }) => `${store}:${piece.name}`));
			await this.unloadPieces(previousPieces.filter(({ store, piece }) => !replaced.has(`${store}:${piece.name}`)));
			await this.finishVersion(name, previousLive, 'reload');
		}
		pluginMetrics.loads.inc({ plugin: name, result: 'ok' });
		pluginMetrics.status.set({ plugin: name }, 1);
		logger.info({ version: manifest.version, pieces: record.pieces.length }, previousLive ? 'Plugin reloaded' : 'Plugin loaded');
		return previousLive ? 'reloaded' : 'loaded';
	}

	private createContext(name: string, manifest: PluginManifest, version: LiveVersion, logger: Logger): VersionContext {
		if (!this.kept.has(name)) this.kept.set(name, new Map());
		return new VersionContext(name, {
			logger,
			settings: (guildId) => (manifest.settings ? this.options.settings.resolve(name, manifest.settings, guildId) : {}),
			subscribeSettings: (listener) => {
				const listeners = this.settingsListeners.get(name) ?? new Set();
				this.settingsListeners.set(name, listeners);
				listeners.add(listener);
				return () => listeners.delete(listener);
			},
			contribute: (point, value) => this.extensions.add(point, name, value, version),
			kept: this.kept.get(name)!
		});
	}

	/** Lets a stopped version's calls finish (bounded), then runs its clean-up and drops what it contributed. */
	private async finishVersion(name: string, version: LiveVersion, reason: 'reload' | 'unload'): Promise<void> {
		const timeoutMs = this.options.drainTimeoutMs ?? 5_000;
		if (!(await version.inFlight.drained(timeoutMs))) {
			this.options.logger.warn({ plugin: name, running: version.inFlight.count, timeoutMs }, 'Calls of the previous version still running; cleaning up anyway');
		}
		await version.context.dispose(reason);
		this.extensions.dropOwner(version);
		if (reason === 'unload') this.kept.delete(name);
	}

	/** Stops the running version of a plugin: no new calls, running ones finish, then its clean-up. */
	private async stopVersion(name: string, reason: 'unload'): Promise<void> {
		const record = this.records.get(name);
		const version = this.live.get(name);
		if (record) await this.unloadPieces(record.pieces);
		if (record) record.pieces = [];
		if (version) {
			this.live.delete(name);
			await this.finishVersion(name, version, reason);
		}
	}

	private async unloadPieces(pieces: { store: StoreName; piece: Piece }[]): Promise<void> {
		for (const { store, piece } of pieces) {
			const live = storeOf(store);
			if (live.get(piece.name) === piece) await live.unload(piece);
		}
	}

	private async removeNow(name: string): Promise<void> {
		const record = this.records.get(name);
		if (!record) return;
		await this.stopVersion(name, 'unload');
		await moduleVersions().set(record.folder, null);
		this.records.delete(name);
		pluginMetrics.status.remove({ plugin: name });
		for (const state of pluginStates) pluginMetrics.state.remove({ plugin: name, state });
		this.options.logger.info({ plugin: name }, 'Plugin removed');
		this.emit('changed');
	}

	/** Whether the files the running version loaded, or the set of its piece files, differ on disk now. */
	private async changedOnDisk(folder: string, version: LiveVersion): Promise<boolean> {
		const loaded = await moduleVersions().loadedFiles(folder, version.id);
		const pieceFiles = await listPieceFiles(folder);
		if (pieceFiles.join('\n') !== version.pieceFiles.join('\n')) return true;
		if (!findManifestFile(folder) || Object.keys(loaded).length === 0) return true;
		for (const [file, digest] of Object.entries(loaded)) if ((await fileDigest(file)) !== digest) return true;
		return false;
	}

	/**
	 * Start-up only: two plugins claiming one name (a command, an application command…). The one fewer
	 * plugins depend on is refused, the later one on a tie, so a dropped-in plugin never displaces one the
	 * others need.
	 */
	private async resolveStartupClashes(candidates: Map<string, Candidate>, order: string[]): Promise<Map<string, string>> {
		const refused = new Map<string, string>();
		const declared = new Map([...candidates].map(([name, candidate]) => [name, candidate.manifest.dependencies]));
		const dependents = new Map(order.map((name) => [name, dependentsInOrder(name, declared).length]));
		// The plugins most others depend on claim their names first; on a tie, the one that loads first.
		const claimants = order.filter((name) => candidates.has(name)).sort((a, b) => dependents.get(b)! - dependents.get(a)! || order.indexOf(a) - order.indexOf(b));
		const claimed = new Map<string, { plugin: string; name: UniqueName }>();
		for (const plugin of claimants) {
			const names = await this.uniqueNames(candidates.get(plugin)!.pieces);
			const clash = names
				.map((name) => {
					const core = this.coreName(name);
					if (core) return `${name.label} in ${name.file} clashes with the core (${core})`;
					const owner = claimed.get(name.key);
					return owner && `${name.label} in ${name.file} clashes with plugin "${owner.plugin}" (${owner.name.file})`;
				})
				.find(Boolean);
			if (clash) refused.set(plugin, clash);
			else for (const name of names) claimed.set(name.key, { plugin, name });
		}
		return refused;
	}

	/** At runtime the newcomer is always the one refused: running plugins keep their names. */
	private async refuseRuntimeClashes(candidate: Candidate): Promise<void> {
		const mine = await this.uniqueNames(candidate.pieces);
		const taken = new Map<string, { plugin: string; name: UniqueName }>();
		for (const [plugin, record] of this.records) {
			if (plugin === candidate.name || record.status !== 'active') continue;
			for (const name of await this.uniqueNames(record.pieces)) taken.set(name.key, { plugin, name });
		}
		for (const name of mine) {
			const owner = taken.get(name.key);
			if (owner) throw new Error(`${name.label} in ${name.file} clashes with plugin "${owner.plugin}" (${owner.name.file})`);
			const core = this.coreName(name);
			if (core) throw new Error(`${name.label} in ${name.file} clashes with the core (${core})`);
		}
	}

	/** A core piece (no plugin) already holding the name. */
	private coreName(name: UniqueName): string | undefined {
		const [store, pieceName] = name.key.split('|');
		if (store === 'route') {
			const core = [...container.stores.get('routes').values()].find((route) => !this.owners.has(route) && [...route.methods].some((method) => routeKey(method, route) === name.key));
			// The core's own routes are loaded as virtual pieces, without a file to name.
			return core && (core.location.virtual ? `its route "${core.name}"` : relative(process.cwd(), core.location.full));
		}
		if (!store || !pieceName || store === 'application-command') return undefined;
		const existing = storeOf(store as StoreName).get(pieceName);
		if (!existing || this.owners.has(existing)) return undefined;
		return relative(process.cwd(), existing.location.full);
	}

	/** Names that must be unique across plugins: commands (and their aliases), preconditions, arguments, application commands. */
	private async uniqueNames(pieces: { store: StoreName; piece: Piece; source?: PieceSource }[]): Promise<UniqueName[]> {
		const names: UniqueName[] = [];
		for (const { store, piece } of pieces) {
			const file = relative(this.pluginsDir, piece.location.full);
			if (store === 'routes') {
				// plugin-api's router keeps one route per method and path: the last one in would take the path over.
				for (const method of (piece as Route).methods) names.push({ key: routeKey(method, piece as Route), label: `route "${method} /${(piece as Route).path.join('/')}"`, file });
				continue;
			}
			if (store === 'listeners' || store === 'interaction-handlers' || store === 'scheduled-tasks') continue;
			names.push({ key: `${store}|${piece.name}`, label: `${store} name "${piece.name}"`, file });
			if (store !== 'commands') continue;
			for (const alias of (piece as Command).aliases) names.push({ key: `${store}|${alias}`, label: `command alias "${alias}"`, file });
			for (const data of await commandDefinitions(piece as Command, this.options.logger)) {
				names.push({ key: `application-command|${applicationCommandKey(data)}`, label: `slash command name "${data.name}"`, file });
			}
		}
		return names;
	}

	private construct(source: PieceSource, plugin: string): ConstructedPiece {
		const store = container.stores.get(source.store as never) as unknown as Piece['store'];
		const piece = new source.Ctor({ store, root: source.root, path: source.file, name: source.fileName }, { enabled: true });
		// Qualified after construction: many pieces pass their own options to super() and drop ours,
		// and a route derives its path from the file name in the context, which must stay unqualified.
		if (source.qualified) Object.defineProperty(piece, 'name', { value: `${plugin}.${piece.name}`, enumerable: true });
		if (source.store === 'routes') applyRootedPath(piece as Route);
		return { store: source.store, piece, source };
	}

	private declaredGraph(): Map<string, string[]> {
		const declared = new Map<string, string[]>();
		for (const record of this.records.values()) if (record.manifest) declared.set(record.name, record.manifest.dependencies);
		return declared;
	}

	private markSkipped(name: string): void {
		this.records.set(name, { name, folder: this.folderOf(name), status: 'skipped', error: 'skipped at start-up', reloads: 0, pieces: [] });
		this.options.logger.warn({ plugin: name }, 'Plugin skipped at start-up (--without-plugin / PLUGINS_DISABLED)');
	}

	private markFailed(name: string, error: string, manifest: PluginManifest | undefined): void {
		const previous = this.records.get(name);
		this.records.set(name, { name, folder: this.folderOf(name), status: 'failed', error, manifest, reloads: previous?.reloads ?? 0, pieces: [] });
		pluginMetrics.loads.inc({ plugin: name, result: 'error' });
		pluginMetrics.status.set({ plugin: name }, 0);
		this.options.logger.error({ plugin: name, reason: error }, `Plugin "${name}" not loaded: ${error}`);
	}

	private markWaiting(name: string, waitingFor: string[], manifest: PluginManifest | undefined): void {
		const previous = this.records.get(name);
		const error = `waiting for ${waitingFor.join(', ')}`;
		this.records.set(name, { name, folder: this.folderOf(name), status: 'waiting', error, waitingFor, manifest, reloads: previous?.reloads ?? 0, pieces: [] });
		pluginMetrics.status.set({ plugin: name }, 0);
		this.options.logger.warn({ plugin: name, waitingFor }, `Plugin "${name}" not loaded: ${error}`);
	}

	/** Tells each plugin whose settings changed, then the rest of the bot (schedules may follow settings). */
	private settingsChanged(): void {
		let any = false;
		for (const name of this.records.keys()) {
			const snapshot = JSON.stringify(this.options.settings.overrides(name));
			if (this.settingsSeen.get(name) === snapshot) continue;
			const first = !this.settingsSeen.has(name);
			this.settingsSeen.set(name, snapshot);
			if (first && snapshot === JSON.stringify({ global: {}, guilds: {} })) continue;
			any = true;
			for (const listener of this.settingsListeners.get(name) ?? []) listener();
		}
		if (any) this.emit('changed');
	}

	/** `plugin_state{plugin,state}`: 1 for the state each plugin is in bot-wide, 0 for the others. */
	private publishStates(): void {
		for (const record of this.records.values()) {
			const current = this.stateOf(record.name, null)?.state;
			for (const state of pluginStates) pluginMetrics.state.set({ plugin: record.name, state }, state === current ? 1 : 0);
		}
	}

	private folderOf(name: string): string {
		return join(this.pluginsDir, name);
	}

	private nextVersion(): string {
		return String(++this.versionCounter);
	}
}

function storeOf(store: StoreName) {
	return container.stores.get(store as never) as unknown as Map<string, Piece> & {
		insert(piece: Piece): Promise<Piece>;
		unload(piece: Piece): Promise<Piece>;
	};
}

/** Two files of one plugin giving a store the same name. */
/** A scheduled task whose pattern, zone or interval the scheduler cannot take refuses its plugin, with the file named. */
function refuseBadSchedules(pieces: ConstructedPiece[], pluginsDir: string): void {
	for (const { store, piece, source } of pieces) {
		if (store !== 'scheduled-tasks') continue;
		const problem = scheduleProblem(piece as ScheduledTask);
		if (problem) throw new Error(`scheduled task ${piece.name} (${relative(pluginsDir, source.file)}): ${problem}`);
	}
}

function refuseDuplicatesWithin(pieces: ConstructedPiece[], pluginsDir: string): void {
	const seen = new Map<string, string>();
	for (const { store, piece, source } of pieces) {
		const key = `${store}:${piece.name}`;
		const here = relative(pluginsDir, source.file);
		const first = seen.get(key);
		if (first) throw new Error(`${store} name "${piece.name}" is used twice: ${first} and ${here}`);
		seen.set(key, here);
	}
}
