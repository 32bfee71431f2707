/**
 * The plugin context: what the host gives each plugin, in `onLoad(ctx)` and to its pieces through
 * `pluginOf(this)`, instead of module variables, casts or global symbols. One context per loaded
 * version of a plugin; what it registers ends with that version.
 */
import type { z } from 'zod';
import type { Logger } from '../log.ts';
import { registerConfirmAction, type ConfirmAction } from '../ui/confirm.ts';
import { registerForm, type FormDefinition } from '../ui/form.ts';
import { registerPager, type PageRenderer } from '../ui/pager.ts';
import type { ExtensionPoint } from './extension-points.ts';

export type PluginDispose = (reason: 'reload' | 'unload') => void | Promise<void>;

export interface PluginContext<Settings = unknown> {
	/** The plugin's name (its folder). */
	readonly name: string;
	/** Every line carries `plugin: <name>`. */
	readonly logger: Logger;
	/**
	 * The settings that apply in a server: the schema's defaults, overridden bot-wide, then by that
	 * server (`/config`). Without a server: the bot-wide values. Read them when you need them: a change
	 * reaches every instance within a second, without a reload.
	 */
	settings(guildId?: string | null): Settings;
	/** Called after this plugin's settings changed (any server or bot-wide), until this version stops. */
	onSettingsChange(listener: () => void): void;
	/** Adds a contribution to another plugin's extension point; it ends with this version. */
	contribute<T>(point: ExtensionPoint<T>, value: T): void;
	/**
	 * State that must outlive a reload (a write buffer, a connection). `make` receives what the previous
	 * version kept under that key (undefined on first load): return it to keep it as is, or build the new
	 * version's object from it (take over its buffer) so an edit to its code takes effect. The old
	 * version's dispose runs after, with `reason: 'reload'`: it must leave what it handed over alone.
	 * Kept values are forgotten when the plugin stops for good (`reason: 'unload'`).
	 */
	keep<T>(key: string, make: (previous: T | undefined) => T): T;
	/** What `keep` holds under a key (pieces read it: `pluginOf(this).kept<Writer>('message-log')`). */
	kept<T>(key: string): T | undefined;
	/** Runs when this version stops, like the function `onLoad` may return. */
	onDispose(dispose: PluginDispose): void;
	/** The UI kit's registrations, ended with this version (no unregister function to return). */
	registerPager<Data>(name: string, render: PageRenderer<Data>): void;
	registerConfirmAction<Args>(name: string, run: ConfirmAction<Args>): void;
	registerForm<Schema extends z.ZodType, Data = undefined>(name: string, definition: FormDefinition<Schema, Data>): void;
}

/** What the host provides to build a context; the context itself holds only this version's disposers. */
export interface ContextHost {
	logger: Logger;
	settings(guildId?: string | null): unknown;
	subscribeSettings(listener: () => void): () => void;
	contribute(point: ExtensionPoint<unknown>, value: unknown): void;
	kept: Map<string, unknown>;
}

export class VersionContext implements PluginContext {
	readonly logger: Logger;
	private readonly disposers: PluginDispose[] = [];
	/** Set once this version has stopped: what it registers afterwards is not kept. */
	private ended?: 'reload' | 'unload';

	readonly name: string;
	private readonly host: ContextHost;

	constructor(
		name: string,
		host: ContextHost
	) {
		this.name = name;
		this.host = host;
		this.logger = host.logger;
		// Plugins destructure it (`onLoad({ contribute })`): every method keeps its context.
		for (const key of Object.getOwnPropertyNames(VersionContext.prototype) as (keyof this)[]) {
			const value = this[key];
			if (typeof value === 'function' && key !== 'constructor') this[key] = value.bind(this);
		}
	}

	settings(guildId?: string | null): unknown {
		return this.host.settings(guildId);
	}

	onSettingsChange(listener: () => void): void {
		const unsubscribe = this.host.subscribeSettings(() => {
			try {
				listener();
			} catch (error) {
				this.logger.error({ err: error }, 'Settings change listener failed');
			}
		});
		this.onDispose(() => void unsubscribe());
	}

	contribute<T>(point: ExtensionPoint<T>, value: T): void {
		if (this.ended) return;
		this.host.contribute(point as ExtensionPoint<unknown>, value);
	}

	keep<T>(key: string, make: (previous: T | undefined) => T): T {
		const value = make(this.host.kept.get(key) as T | undefined);
		this.host.kept.set(key, value);
		return value;
	}

	kept<T>(key: string): T | undefined {
		return this.host.kept.get(key) as T | undefined;
	}

	onDispose(dispose: PluginDispose): void {
		// Registered after this version ended (an onLoad given up on that finished late): undone at once.
		if (this.ended) void this.runDisposer(dispose, this.ended);
		else this.disposers.push(dispose);
	}

	registerPager<Data>(name: string, render: PageRenderer<Data>): void {
		this.onDispose(registerPager(name, render));
	}

	registerConfirmAction<Args>(name: string, run: ConfirmAction<Args>): void {
		this.onDispose(registerConfirmAction(name, run));
	}

	registerForm<Schema extends z.ZodType, Data = undefined>(name: string, definition: FormDefinition<Schema, Data>): void {
		this.onDispose(registerForm(name, definition));
	}

	/** Runs this version's disposers, last registered first; one failing does not stop the others. */
	async dispose(reason: 'reload' | 'unload'): Promise<void> {
		this.ended = reason;
		for (const dispose of this.disposers.splice(0).reverse()) await this.runDisposer(dispose, reason);
	}

	private async runDisposer(dispose: PluginDispose, reason: 'reload' | 'unload'): Promise<void> {
		try {
			await dispose(reason);
		} catch (error) {
			this.logger.error({ err: error, reason }, 'Plugin clean-up failed');
		}
	}
}
