import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '../support/bot.ts';
import { startBotProcess, type BotProcess } from '../support/bot-process.ts';

/** `npm run sandbox` with commands piped in, as a newcomer scripts it. */
function startSandbox(dataDir: string): BotProcess {
	return startBotProcess({ env: { DATA_DIR: dataDir }, args: ['--sandbox'] });
}

async function untilReady(sandbox: BotProcess): Promise<void> {
	await eventually(() => sandbox.logged('Application commands synced'), 60_000);
}

describe('the sandbox', () => {
	let sandbox: BotProcess | undefined;
	let dataDir: string | undefined;
	afterEach(async () => {
		await sandbox?.kill();
		if (dataDir) rmSync(dataDir, { recursive: true, force: true });
		sandbox = dataDir = undefined;
	});

	it('shows after a restart what was made before it, in the same data folder; :quit waits for answers in flight', async () => {
		dataDir = mkdtempSync(join(tmpdir(), 'monster-sandbox-'));
		sandbox = startSandbox(dataDir);
		await untilReady(sandbox);
		// A newcomer finds chantiers to pick from the first start.
		expect(await eventually(() => sandbox!.logged('example chantiers created'), 60_000)).toMatchObject({ chantiers: ['CH-001', 'CH-002', 'CH-003'] });
		sandbox.type('/tache titre:Xylophone echeance:demain chantier:CH-001');
		const created = await sandbox.waitForOutput('Tâche créée : Xylophone');
		await sandbox.waitForOutput('— Monster', { from: created });
		expect(sandbox.output().slice(created)).toContain('CH-001');
		sandbox.type(':quit');
		expect(await sandbox.exited).toBe(0);

		sandbox = startSandbox(dataDir);
		// Piped in one go as soon as the chat opens, as a script does: the commands are registered by then,
		// and :quit waits for the answers still on their way.
		await sandbox.waitForOutput('Vous parlez à Monster');
		sandbox.type(':channels\n/taches statut:toutes\n!ping\n:quit');
		expect(await sandbox.exited).toBe(0);
		const listed = sandbox.output().indexOf('Tâches (');
		expect(listed).toBeGreaterThan(0);
		expect(sandbox.output().slice(listed)).toMatch(/Tâches \(1\)[^]*Xylophone/);
		expect(sandbox.output()).toContain('Pong');
		expect(sandbox.logged('example chantiers created')).toBeUndefined();
		// The chantiers' channels, made by the bot in the first run, are still there.
		expect(sandbox.output()).toContain('#photos');
	}, 150_000);

	it('shows a member who chose English with /langue dates, fields and its own notes in English, though the sandbox’s Discord is French', async () => {
		dataDir = mkdtempSync(join(tmpdir(), 'monster-sandbox-'));
		sandbox = startSandbox(dataDir);
		await untilReady(sandbox);
		sandbox.type('/langue langue:en');
		const chosen = await sandbox.waitForOutput('The bot will answer you in English');
		sandbox.type('/tache titre:Xylophone echeance:demain priorite:haute');
		const created = await sandbox.waitForOutput('Task created: Xylophone', { from: chosen });
		const card = sandbox.output().slice(created, await sandbox.waitForOutput('— Monster', { from: created }));
		expect(card).toContain('Priority: 🟠 High');
		expect(card).toContain('Assigned to: nobody');
		expect(card).toMatch(/Due: \d{1,2} [A-Z][a-z]+ \d{4} \(tomorrow\)/);
		expect(card).not.toMatch(/ : |demain/);
		sandbox.type(':help');
		await sandbox.waitForOutput('Type a message to post it in the current channel.', { from: created });
		sandbox.type(':quit');
		expect(await sandbox.exited).toBe(0);
	}, 150_000);
});
