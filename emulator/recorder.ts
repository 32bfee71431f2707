import type { StoredMessage } from './state.ts';
import type { BotMessageEvent, RecordedCall } from './types.ts';

type Waiter = { predicate: (message: StoredMessage) => boolean; resolve: (message: StoredMessage) => void };

/**
 * Keeps the REST calls and the bot's messages (creates and edits). `waitForMessage` hands out
 * each bot message at most once, oldest first, starting from the last simulated user action,
 * so `await server.sendMessage(...); await server.waitForMessage()` cannot miss a fast reply.
 */
export class Recorder {
	readonly calls: RecordedCall[] = [];
	readonly botMessages: BotMessageEvent[] = [];
	#cursor = 0;
	readonly #consumed = new Set<number>();
	readonly #waiters = new Set<Waiter>();

	recordCall(call: RecordedCall): void {
		this.calls.push(call);
	}

	recordBotMessage(event: BotMessageEvent): void {
		if (event.kind === 'delete') return;
		const index = this.botMessages.push({ ...event, message: structuredClone(event.message) }) - 1;
		for (const waiter of this.#waiters) {
			if (this.#offer(index, waiter)) return;
		}
	}

	/** Called on each simulated user action: later waits only see messages from now on. */
	markUserAction(): void {
		this.#cursor = this.botMessages.length;
	}

	waitForMessage(predicate: (message: StoredMessage) => boolean = () => true, timeoutMs = 5000): Promise<StoredMessage> {
		return new Promise((resolve, reject) => {
			const timer = setTimeout(() => {
				this.#waiters.delete(waiter);
				reject(new Error(`No matching bot message within ${timeoutMs} ms (bot sent ${this.botMessages.length - this.#cursor} since the last user action)`));
			}, timeoutMs);
			const waiter: Waiter = {
				predicate,
				resolve: (message) => {
					clearTimeout(timer);
					this.#waiters.delete(waiter);
					resolve(message);
				}
			};
			for (let index = this.#cursor; index < this.botMessages.length; index += 1) {
				if (this.#offer(index, waiter)) return;
			}
			this.#waiters.add(waiter);
		});
	}

	#offer(index: number, waiter: Waiter): boolean {
		const event = this.botMessages[index];
		if (!event || this.#consumed.has(index) || !waiter.predicate(event.message)) return false;
		this.#consumed.add(index);
		waiter.resolve(event.message);
		return true;
	}
}
