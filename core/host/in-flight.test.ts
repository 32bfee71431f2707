import type { Piece } from '@sapphire/framework';
import { describe, expect, it } from 'vitest';
import { InFlight } from './in-flight.ts';

/** A listener-like piece whose run waits until the test releases it. */
function slowPiece() {
	let release!: () => void;
	const released = new Promise<void>((resolve) => (release = resolve));
	const piece = { run: async () => released.then(() => 'done') } as unknown as Piece;
	return { piece, release };
}

describe('calls in flight of a plugin version', () => {
	it('counts the calls that have not finished and resolves when the last one ends', async () => {
		const inFlight = new InFlight();
		const { piece, release } = slowPiece();
		inFlight.track('listeners', piece);
		const call = (piece as unknown as { run(): Promise<string> }).run();
		expect(inFlight.count).toBe(1);
		let drained = false;
		const waiting = inFlight.drained(10_000).then((value) => (drained = value));
		await Promise.resolve();
		expect(drained).toBe(false);
		release();
		expect(await call).toBe('done');
		expect(await waiting).toBe(true);
		expect(inFlight.count).toBe(0);
	});

	it('gives up after its time limit when a call never ends', async () => {
		const inFlight = new InFlight();
		const { piece } = slowPiece();
		inFlight.track('scheduled-tasks', piece);
		void (piece as unknown as { run(): Promise<string> }).run();
		expect(await inFlight.drained(20)).toBe(false);
		expect(inFlight.count).toBe(1);
	});

	it('counts a call that throws as finished', async () => {
		const inFlight = new InFlight();
		const piece = { run: async () => Promise.reject(new Error('boom')) } as unknown as Piece;
		inFlight.track('routes', piece);
		await expect((piece as unknown as { run(): Promise<void> }).run()).rejects.toThrow('boom');
		expect(inFlight.count).toBe(0);
		expect(await inFlight.drained(0)).toBe(true);
	});

	it('counts a call that answers or throws at once as finished, and still gives its caller a promise', async () => {
		const inFlight = new InFlight();
		const piece = {
			chatInputRun: () => 'answered',
			messageRun: () => {
				throw new Error('refused');
			}
		} as unknown as Piece;
		inFlight.track('commands', piece);
		const commands = piece as unknown as { chatInputRun(): Promise<string>; messageRun(): Promise<void> };
		await expect(commands.chatInputRun()).resolves.toBe('answered');
		await expect(commands.messageRun()).rejects.toThrow('refused');
		expect(inFlight.count).toBe(0);
	});
});
