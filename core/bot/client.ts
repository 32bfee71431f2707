import { LogLevel, PluginHook, SapphireClient, container, type ILogger, type SapphireClientOptions } from '@sapphire/framework';
import '@sapphire/plugin-api/register';
import { ScheduledTaskStore } from '@sapphire/plugin-scheduled-tasks';
import { Client, ClientUser, Routes, type APIUser, type ClientOptions } from 'discord.js';
import type { Logger } from '../log.ts';

/**
 * Sapphire's client, with one step added to login: plugins load after the stores' own `loadAll()`
 * (which would otherwise unload them) and before the gateway connects (so no event is missed).
 */
export class MonsterClient extends SapphireClient {
	private readonly beforeGateway: () => Promise<void>;

	private constructor(
		options: SapphireClientOptions & ClientOptions,
		beforeGateway: () => Promise<void>
	) {
		super(options);
		this.beforeGateway = beforeGateway;
		this.stores.register(new ScheduledTaskStore());
	}

	/**
	 * Sapphire queues its own virtual pieces (the listeners that route interactions and messages) once,
	 * at import, and hands them to the first client's stores only. A client created after another in the
	 * same process (tests, an in-process restart) gets them back here, or it would never answer.
	 */
	static create(options: SapphireClientOptions & ClientOptions, beforeGateway: () => Promise<void>): MonsterClient {
		const inherited = virtualPiecesOf(container.stores);
		const client = new MonsterClient(options, beforeGateway);
		for (const store of client.stores.values()) {
			const registered = manuallyRegistered(store);
			for (const entry of inherited.get(store.name) ?? []) if (!registered.has(entry.name)) registered.set(entry.name, entry);
		}
		return client;
	}

	public override async login(token?: string): Promise<string> {
		await this.prepare();
		const result = await Client.prototype.login.call(this, token);
		await this.finish();
		return result;
	}

	/**
	 * The same start without a gateway connection (`PROCESS_ROLE=api`): the HTTP API and the plugins,
	 * with Discord reached through its REST API only, as the bot user `GET /users/@me` names.
	 */
	public async loginWithoutGateway(token: string): Promise<void> {
		await this.prepare();
		this.token = token;
		this.rest.setToken(token);
		const me = (await this.rest.get(Routes.user())) as APIUser;
		// discord.js builds its ClientUser from READY; its constructor is public at run time, not in the typings.
		this.user = new (ClientUser as unknown as new (client: Client, data: APIUser) => ClientUser)(this, me);
		this.id ??= me.id;
		await this.finish();
	}

	private async prepare(): Promise<void> {
		for (const plugin of SapphireClient.plugins.values(PluginHook.PreLogin)) {
			await plugin.hook.call(this, this.options);
		}
		await Promise.all([...this.stores.values()].map((store) => store.loadAll()));
		await this.beforeGateway();
	}

	private async finish(): Promise<void> {
		for (const plugin of SapphireClient.plugins.values(PluginHook.PostLogin)) {
			await plugin.hook.call(this, this.options);
		}
	}
}

interface VirtualPiece {
	name: string;
}

/** The pieces' private map of virtual pieces (the symbol is not exported, its description is stable). */
function manuallyRegistered(store: object): Map<string, VirtualPiece> {
	const key = Object.getOwnPropertySymbols(store).find((symbol) => symbol.description === '@sapphire/pieces:ManuallyRegisteredPieces');
	return key ? ((store as Record<symbol, Map<string, VirtualPiece>>)[key] ?? new Map()) : new Map();
}

function virtualPiecesOf(stores: Iterable<[string, object]>): Map<string, VirtualPiece[]> {
	return new Map([...stores].map(([name, store]) => [name, [...manuallyRegistered(store).values()]]));
}

const levelNames: Record<number, 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal'> = {
	[LogLevel.Trace]: 'trace',
	[LogLevel.Debug]: 'debug',
	[LogLevel.Info]: 'info',
	[LogLevel.Warn]: 'warn',
	[LogLevel.Error]: 'error',
	[LogLevel.Fatal]: 'fatal'
};

/** Sapphire logs through pino, so every line has the same JSON shape and redaction. */
export class PinoSapphireLogger implements ILogger {
	private readonly pino: Logger;

	constructor(pino: Logger) {
		this.pino = pino;
	}

	public has(level: LogLevel): boolean {
		const name = levelNames[level];
		return name ? this.pino.isLevelEnabled(name) : false;
	}

	public write(level: LogLevel, ...values: readonly unknown[]): void {
		const name = levelNames[level];
		if (!name) return;
		const error = values.find((value) => value instanceof Error);
		const text = values.filter((value) => value !== error).map(String).join(' ');
		if (error) this.pino[name]({ err: error }, text || (error as Error).message);
		else this.pino[name](text);
	}

	public trace(...values: readonly unknown[]) {
		this.write(LogLevel.Trace, ...values);
	}
	public debug(...values: readonly unknown[]) {
		this.write(LogLevel.Debug, ...values);
	}
	public info(...values: readonly unknown[]) {
		this.write(LogLevel.Info, ...values);
	}
	public warn(...values: readonly unknown[]) {
		this.write(LogLevel.Warn, ...values);
	}
	public error(...values: readonly unknown[]) {
		this.write(LogLevel.Error, ...values);
	}
	public fatal(...values: readonly unknown[]) {
		this.write(LogLevel.Fatal, ...values);
	}
}

