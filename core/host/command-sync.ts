import { createHash } from 'node:crypto';
import { container, type Command } from '@sapphire/framework';
import type { Cache } from '../cache/cache.ts';
import { guildSettings } from '../guild-settings.ts';
import type { Logger } from '../log.ts';
import { hasRoleRule } from '../permission-matrix.ts';
import { commandDefinitions, type CommandData } from './command-definitions.ts';
import type { PluginHost } from './host.ts';

/**
 * Keeps Discord's application commands equal to the commands of the active plugins: per configured
 * guild (so a plugin switched off in one guild disappears there), or globally when no guild is set.
 * Sapphire registers only at login and never removes, so the host does it after every change.
 * Replicas compute the same set; a short cache lock and the last pushed hash make one of them push it.
 * A command the guild's permission matrix gives to roles is pushed without its default level
 * (`default_member_permissions`), so Discord shows it to them; the matrix then decides who runs it.
 */
export class CommandSync {
	private timer?: NodeJS.Timeout;
	private running: Promise<void> = Promise.resolve();
	private readonly afterNext: (() => void)[] = [];

	private readonly options: { host: PluginHost; cache: Cache; guildIds: string[]; logger: Logger; debounceMs?: number };

	constructor(
		options: { host: PluginHost; cache: Cache; guildIds: string[]; logger: Logger; debounceMs?: number }
	) {
		this.options = options;
	}

	/** Coalesces bursts of changes (a plugin reload emits several) into one push. */
	schedule(): void {
		clearTimeout(this.timer);
		this.timer = setTimeout(() => {
			this.timer = undefined;
			const after = this.afterNext.splice(0);
			this.running = this.running
				.then(() => this.sync())
				.catch((error: unknown) => this.options.logger.error({ err: error }, 'Command sync failed'))
				.then(() => {
					for (const task of after) task();
				});
		}, this.options.debounceMs ?? 300);
	}

	/** Runs `task` once the next push is done, failed or not, before `idle()` resolves. */
	afterNextSync(task: () => void): void {
		this.afterNext.push(task);
	}

	/** Resolves when no sync is pending or running (tests and shutdown wait on it). */
	async idle(): Promise<void> {
		while (this.timer) await new Promise((resolve) => setTimeout(resolve, 20));
		await this.running;
	}

	stop(): void {
		clearTimeout(this.timer);
		this.timer = undefined;
	}

	async sync(): Promise<void> {
		const application = container.client.application;
		if (!application) return;
		const commands = await this.collect();
		const scopes = this.options.guildIds.length > 0 ? this.options.guildIds : [null];
		for (const guildId of scopes) {
			const active = commands.filter(({ plugin }) => !plugin || this.options.host.isActive(plugin, guildId));
			const matrix = guildId ? guildSettings(guildId).permissions : undefined;
			// A command the server's matrix gives to roles must be visible to them: Discord would hide it by its default level.
			const entries = active.flatMap(({ command, plugin, data }) =>
				(matrix && hasRoleRule(matrix, { name: command.name, aliases: command.aliases, plugin: plugin ?? null })
					? data.map((entry) => ({ ...entry, default_member_permissions: null }))
					: data
				).map((entry) => ({ entry, plugin }))
			);
			const data = entries.map(({ entry }) => entry);
			const hash = createHash('sha256').update(JSON.stringify(data)).digest('hex');
			const scope = guildId ?? 'global';
			if ((await this.options.cache.get(`commands.hash.${scope}`)) === hash) continue;
			const lock = `commands.lock.${scope}`;
			if ((await this.options.cache.increment(lock, 10_000)).value > 1) {
				// Another replica is pushing; look again once it is done, the set may differ.
				setTimeout(() => this.schedule(), 1_000).unref();
				continue;
			}
			try {
				// Another process may have pushed this very set between the look above and the lock.
				if ((await this.options.cache.get(`commands.hash.${scope}`)) === hash) continue;
				const pushed = await this.push(data, entries, guildId);
				await this.options.cache.set(`commands.hash.${scope}`, hash, 3_600_000);
				this.options.logger.info({ scope, commands: pushed }, 'Application commands synced');
			} finally {
				await this.options.cache.delete(lock);
			}
		}
	}

	/**
	 * Pushes the set; when Discord refuses some commands of it (400 50035, its errors keyed by the command's
	 * index), pushes the others without them and logs each refused one with its plugin and Discord's reasons.
	 * One plugin's bad definition (a required option after an optional one) would otherwise keep every
	 * plugin's commands of the server from Discord. Answers how many commands were pushed.
	 */
	private async push(data: CommandData[], owners: { plugin: string | undefined }[], guildId: string | null): Promise<number> {
		let remaining = data.map((entry, index) => ({ entry, plugin: owners[index]!.plugin }));
		for (;;) {
			try {
				const entries = remaining.map(({ entry }) => entry);
				await (guildId ? container.client.application!.commands.set(entries, guildId) : container.client.application!.commands.set(entries));
				return entries.length;
			} catch (error) {
				const refused = refusedCommands(error);
				if (refused.size === 0 || [...refused.keys()].some((index) => index >= remaining.length)) throw error;
				for (const [index, reasons] of refused) {
					const { entry, plugin } = remaining[index]!;
					this.options.logger.child({ plugin: plugin ?? 'core' }).error({ command: entry.name, scope: guildId ?? 'global', reasons }, `Discord refused the command /${entry.name}: ${reasons.join('; ')}; the other commands are pushed without it`);
				}
				remaining = remaining.filter((_, index) => !refused.has(index));
			}
		}
	}

	/** The slash command definitions a command declares (cached per loaded piece). */
	definitionsFor(command: Command): Promise<CommandData[]> {
		return commandDefinitions(command, this.options.logger);
	}

	private async collect(): Promise<{ command: Command; plugin: string | undefined; data: CommandData[] }[]> {
		const result = [];
		for (const command of container.stores.get('commands').values()) {
			const data = await this.definitionsFor(command);
			// Interactions are routed by name: a slash name other than the piece name needs an alias
			// (Sapphire drops it when the piece unloads).
			for (const entry of data) if (entry.name !== command.name) container.stores.get('commands').aliases.set(entry.name, command);
			if (data.length > 0) result.push({ command, plugin: this.options.host.pluginOf(command), data });
		}
		return result;
	}
}

/**
 * The commands of a bulk overwrite Discord refused, by index, with its reasons (`options.1: Required options
 * must be placed before non-required options`); empty when the error is not such a refusal.
 */
export function refusedCommands(error: unknown): Map<number, string[]> {
	const refused = new Map<number, string[]>();
	const { code, rawError } = error as { code?: unknown; rawError?: { errors?: unknown } };
	if (code !== 50035 || typeof rawError?.errors !== 'object' || rawError.errors === null) return refused;
	for (const [key, detail] of Object.entries(rawError.errors)) {
		if (!/^\d+$/.test(key)) return new Map();
		refused.set(Number(key), reasonsOf(detail, ''));
	}
	return refused;
}

function reasonsOf(detail: unknown, path: string): string[] {
	if (typeof detail !== 'object' || detail === null) return [];
	return Object.entries(detail).flatMap(([key, value]) =>
		key === '_errors' && Array.isArray(value)
			? value.map((reason: { message?: unknown }) => `${path || 'command'}: ${String(reason.message)}`)
			: reasonsOf(value, path ? `${path}.${key}` : key)
	);
}
