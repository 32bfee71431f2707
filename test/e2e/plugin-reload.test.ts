import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { APIMessageTopLevelComponent } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoadOutcome } from '../../core/host/host.ts';
import { eventually, startTestBot, type TestBot } from '../support/bot.ts';

const slowFolder = join(import.meta.dirname, '../fixtures/plugins/slow');

interface SlowProbe {
	log: string[];
	commandGate?: Promise<void>;
	onLoadGate?: Promise<void>;
}

/** The slow fixture plugin runs in this process and writes what happens to it here. */
const probe = () => {
	const holder = globalThis as { slowProbe?: SlowProbe };
	holder.slowProbe ??= { log: [] };
	return holder.slowProbe;
};

const gate = () => {
	let open!: () => void;
	const closed = new Promise<void>((resolve) => (open = resolve));
	return { closed, open };
};

const confirmButton = (components: readonly APIMessageTopLevelComponent[]) =>
	components.flatMap((row) => ('components' in row ? (row.components as { custom_id?: string; label?: string }[]) : [])).find((button) => button.label === 'Confirmer')!.custom_id!;

describe('plugin reloads: the new version first, calls in flight finish, nothing re-imported for nothing', () => {
	let bot: TestBot;
	const adminId = () => bot.server.guild.members.admin!;
	const editionFile = () => join(bot.pluginsDir, 'slow/edition.ts');
	const setEdition = (edition: number) => bot.write('slow/edition.ts', readFileSync(editionFile(), 'utf8').replace(/edition = \d+/, `edition = ${edition}`));
	/** Resolves with the outcome of the next load of `plugin`. */
	const nextLoad = (plugin: string) =>
		new Promise<LoadOutcome>((resolve) => {
			const listener = (name: string, outcome: LoadOutcome) => {
				if (name !== plugin) return;
				bot.monster.host.off('loaded', listener);
				resolve(outcome);
			};
			bot.monster.host.on('loaded', listener);
		});

	beforeAll(async () => {
		probe().log.length = 0;
		bot = await startTestBot({ plugins: ['team', 'admin', 'tasks', 'planning'], pluginFolders: [slowFolder], watch: true });
	});
	afterAll(() => bot?.stop());

	it('lets a command still running in the old version finish before that version is cleaned up', async () => {
		const command = gate();
		probe().commandGate = command.closed;
		const handle = await bot.server.sendSlashCommand({ name: 'slow' });
		await eventually(() => probe().log.includes('run start 1'));
		setEdition(2);
		await eventually(() => bot.monster.host.get('slow')?.reloads === 1);
		// The new version is live; the old one still has a call running, so its clean-up waits.
		expect(probe().log).toEqual(['load 1', 'run start 1', 'load 2']);
		command.open();
		expect((await handle.reply()).content).toBe('slow done by 1');
		await eventually(() => probe().log.includes('dispose 1 reload'));
		expect(probe().log.slice(-2)).toEqual(['run end 1', 'dispose 1 reload']);
	});

	it('answers a confirmation pressed while the new version loads, and hands kept state over', async () => {
		const question = await (await bot.server.sendSlashCommand({ name: 'slow', options: { ask: true } })).reply();
		const onLoad = gate();
		probe().onLoadGate = onLoad.closed;
		setEdition(3);
		await eventually(() => probe().log.includes('load 3'));
		try {
			// The old version's action is still registered while the new one's onLoad runs.
			const [, done] = await (await bot.server.clickButton({ messageId: question.messageId!, customId: confirmButton(question.components) })).waitForResponses(2);
			expect(done!.embeds[0]?.title).toContain('confirmed by 2');
		} finally {
			onLoad.open();
			probe().onLoadGate = undefined;
		}
		await eventually(() => probe().log.includes('dispose 2 reload'));
		expect(bot.monster.host.contextOf('slow')!.kept('counter')).toEqual({ loads: 3, edition: 3 });
	});

	it('re-imports nothing for a file the loader never loads, nor for /plugins reload of unchanged files', async () => {
		const reloads = bot.monster.host.get('slow')!.reloads;
		const checked = nextLoad('slow');
		bot.write('slow/slow.test.ts', "import { it } from 'vitest';\nit('is never loaded by the bot', () => undefined);\n");
		expect(await checked).toBe('unchanged');
		const [, answer] = await (await bot.server.sendSlashCommand({ name: 'plugins', subcommand: 'reload', options: { plugin: 'slow' }, userId: adminId() })).waitForResponses(2);
		expect(answer!.embeds[0]?.title).toContain('Rien à recharger');
		expect(bot.monster.host.get('slow')!.reloads).toBe(reloads);
	});

	it('reloads each dependent once, after its dependency', async () => {
		const before = { tasks: bot.monster.host.get('tasks')!.reloads, planning: bot.monster.host.get('planning')!.reloads };
		const order: string[] = [];
		bot.monster.host.on('loaded', (name, outcome) => order.push(`${name} ${outcome}`));
		const teamText = join(bot.pluginsDir, 'team/text.ts');
		bot.write('team/text.ts', `${readFileSync(teamText, 'utf8')}\nexport const edited = true;\n`);
		const dependents = ['admin reloaded', 'planning reloaded', 'tasks reloaded'];
		await eventually(() => dependents.every((line) => order.includes(line)));
		expect(order[0]).toBe('team reloaded');
		expect(order.slice(1).sort()).toEqual(dependents);
		expect(bot.monster.host.get('tasks')!.reloads).toBe(before.tasks + 1);
		expect(bot.monster.host.get('planning')!.reloads).toBe(before.planning + 1);
	});

	it('rolls back a refused reload, so a dependent reloaded later binds to the running code', async () => {
		const extensionPoints = join(bot.pluginsDir, 'team/extension-points.ts');
		const good = readFileSync(extensionPoints, 'utf8');
		const refused = nextLoad('team');
		bot.write('team/extension-points.ts', `${good}\nexport const broken = ;\n`);
		expect(await refused).toBe('refused');
		const restored = nextLoad('team');
		bot.write('team/extension-points.ts', good);
		expect(await restored).toBe('unchanged');
		// tasks imports team's extension points: reloaded now, it must find the running version, not the refused one.
		const tasks = await bot.monster.host.load('tasks', { force: true });
		expect(tasks).toMatchObject({ status: 'active' });
		expect(tasks?.error).toBeUndefined();
		expect((await (await bot.server.sendSlashCommand({ name: 'taches' })).reply()).embeds[0]?.title).toContain('Tâches');
	});
});
