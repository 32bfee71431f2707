import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('configuration', () => {
	it('runs with no variable at all, on embedded defaults', () => {
		const config = loadConfig({});
		expect(config).toMatchObject({ API_HOST: '127.0.0.1', API_PORT: 5000, PLUGINS_DIR: 'plugins', TZ_DEFAULT: 'Europe/Paris', LOCALE_DEFAULT: 'fr' });
		expect(config.DATABASE_URL).toBeUndefined();
		expect(config.DISCORD_GUILD_IDS).toEqual([]);
	});

	it('names each bad variable and what it expects, hiding passwords', () => {
		const attempt = () =>
			loadConfig({ API_PORT: 'eighty', DATABASE_URL: 'mysql://u:secret@h/db', DISCORD_GUILD_IDS: '123', TZ_DEFAULT: 'Mars/Olympus' });
		expect(attempt).toThrow(ConfigError);
		const message = (() => {
			try {
				attempt();
			} catch (error) {
				return (error as Error).message;
			}
		})()!;
		expect(message).toMatch(/^API_PORT: .*\(got "eighty"\)$/m);
		expect(message).toMatch(/^DISCORD_GUILD_IDS: "123" is not a Discord id/m);
		expect(message).toMatch(/^TZ_DEFAULT: an IANA time zone/m);
		expect(message).toContain('mysql://u:***@h/db');
		expect(message).not.toContain('secret');
	});

	it('never repeats a secret, even one refused as too short', () => {
		let message = '';
		try {
			loadConfig({ N8N_WEBHOOK_SECRET: 'short-secret', API_KEYS: 'half-a-key' });
		} catch (error) {
			message = (error as Error).message;
		}
		expect(message).toMatch(/^N8N_WEBHOOK_SECRET: at least 16 characters \(got 12 characters\)$/m);
		expect(message).toMatch(/^API_KEYS: item 1 \(10 characters\) is not at least 16 characters$/m);
		expect(message).not.toContain('short-secret');
		expect(message).not.toContain('half-a-key');
	});

	it('names the bad item of a list, not the list as missing', () => {
		expect(() => loadConfig({ DISCORD_GUILD_IDS: 'xyz' })).toThrow(/^DISCORD_GUILD_IDS: "xyz" is not a Discord id \(17 to 20 digits\)$/m);
		expect(() => loadConfig({ BOT_OWNER_IDS: '123456789012345678,12' })).toThrow(/^BOT_OWNER_IDS: "12" is not a Discord id/m);
		expect(() => loadConfig({ API_TRUST_PROXY: 'loopback,caddy' })).toThrow(/^API_TRUST_PROXY: .*loopback, linklocal, uniquelocal/m);
		expect(loadConfig({ API_TRUST_PROXY: 'loopback, 172.16.0.0/12' }).API_TRUST_PROXY).toEqual(['loopback', '172.16.0.0/12']);
	});

	it('reads empty variables, as .env.example leaves them, as not set', () => {
		const config = loadConfig({ DISCORD_TOKEN: '', DATABASE_URL: '', REDIS_URL: '', API_PORT: '' });
		expect(config.DISCORD_TOKEN).toBeUndefined();
		expect(config.DATABASE_URL).toBeUndefined();
		expect(config.API_PORT).toBe(5000);
	});

	it('splits comma-separated lists', () => {
		expect(loadConfig({ DISCORD_GUILD_IDS: '123456789012345678, 223456789012345678', PLUGINS_DISABLED: 'tasks,planning' })).toMatchObject({
			DISCORD_GUILD_IDS: ['123456789012345678', '223456789012345678'],
			PLUGINS_DISABLED: ['tasks', 'planning']
		});
	});

	it('reads the shard count and the shards a process owns, as a list or a range', () => {
		expect(loadConfig({}).SHARD_COUNT).toBeUndefined();
		expect(loadConfig({ SHARD_COUNT: 'auto' }).SHARD_COUNT).toBe('auto');
		const shared = { DATABASE_URL: 'postgres://u@h/db', REDIS_URL: 'redis://h:6379' };
		expect(loadConfig({ SHARD_COUNT: '4', SHARD_IDS: '0-1', ...shared })).toMatchObject({ SHARD_COUNT: 4, SHARD_IDS: [0, 1] });
		expect(loadConfig({ SHARD_COUNT: '6', SHARD_IDS: '4, 0-1,1', ...shared }).SHARD_IDS).toEqual([0, 1, 4]);
		expect(loadConfig({ SHARD_COUNT: '2', SHARD_IDS: '0,1' }).SHARD_IDS).toEqual([0, 1]);
	});

	it('refuses shard settings the processes could not agree on, saying why', () => {
		const shared = { DATABASE_URL: 'postgres://u@h/db', REDIS_URL: 'redis://h:6379' };
		expect(() => loadConfig({ SHARD_COUNT: 'many' })).toThrow(/^SHARD_COUNT: auto or a whole number of shards \(1 or more\) \(got "many"\)$/m);
		expect(() => loadConfig({ SHARD_COUNT: '0' })).toThrow(/^SHARD_COUNT: auto or a whole number/m);
		expect(() => loadConfig({ SHARD_IDS: 'one' })).toThrow(/^SHARD_IDS: shard ids such as 0,1 or a range such as 0-3/m);
		expect(() => loadConfig({ SHARD_COUNT: '4', SHARD_IDS: '3-1', ...shared })).toThrow(/^SHARD_IDS: a range from low to high \(3-1 is reversed\)/m);
		expect(() => loadConfig({ SHARD_IDS: '0', ...shared })).toThrow(/^SHARD_IDS: only with a number in SHARD_COUNT/m);
		expect(() => loadConfig({ SHARD_COUNT: 'auto', SHARD_IDS: '0', ...shared })).toThrow(/^SHARD_IDS: only with a number in SHARD_COUNT/m);
		expect(() => loadConfig({ SHARD_COUNT: '2', SHARD_IDS: '1-2', ...shared })).toThrow(/^SHARD_IDS: ids below SHARD_COUNT=2 .*2 is outside\)/m);
		expect(() => loadConfig({ SHARD_COUNT: '2', SHARD_IDS: '1' })).toThrow(/^SHARD_IDS: owning only some of the shards needs DATABASE_URL and REDIS_URL/m);
	});

	it('reads what a process does, and refuses an API process that could not share the bot', () => {
		const shared = { DISCORD_TOKEN: 'x', DATABASE_URL: 'postgres://u@h/db', REDIS_URL: 'redis://h:6379' };
		expect(loadConfig({}).PROCESS_ROLE).toBe('all');
		expect(loadConfig({ PROCESS_ROLE: 'gateway' }).PROCESS_ROLE).toBe('gateway');
		expect(loadConfig({ PROCESS_ROLE: 'api', SHARD_COUNT: '3', ...shared })).toMatchObject({ PROCESS_ROLE: 'api', SHARD_COUNT: 3 });
		expect(() => loadConfig({ PROCESS_ROLE: 'shards' })).toThrow(/^PROCESS_ROLE: /m);
		expect(() => loadConfig({ PROCESS_ROLE: 'api', SHARD_COUNT: '2', SHARD_IDS: '0', ...shared })).toThrow(/^PROCESS_ROLE: api holds no gateway shard/m);
		expect(() => loadConfig({ PROCESS_ROLE: 'api', DISCORD_TOKEN: 'x' })).toThrow(/^PROCESS_ROLE: api needs DISCORD_TOKEN, DATABASE_URL and REDIS_URL/m);
	});
});
