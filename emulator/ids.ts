import { randomBytes } from 'node:crypto';

/** Discord's epoch (2015-01-01T00:00:00Z): snowflakes count milliseconds from it. */
const DISCORD_EPOCH = 1_420_070_400_000n;
/** Divisible by every shard count from 1 to 6 (and 10, 12, 15, 20, 30, 60). */
const SHARD_CYCLE = 60n;

/**
 * Makes valid, strictly increasing snowflakes whose embedded timestamp is "now",
 * so discord.js computes sensible `createdAt` values for everything the server creates.
 */
export class SnowflakeGenerator {
	#lastTimestamp = 0n;
	#increment = 0n;
	#frozenAt: number | undefined;

	/**
	 * With `frozenAt` (ms since 1970), every id counts from that instant until `thaw()`: the same
	 * calls then make the same ids at every start, which is how a seeded world keeps its ids.
	 */
	constructor(options: { frozenAt?: number } = {}) {
		this.#frozenAt = options.frozenAt;
	}

	/** From now on ids carry the current time again (they stay above the frozen ones). */
	thaw(): void {
		this.#frozenAt = undefined;
	}

	/**
	 * The next id in the first millisecond after the last id's (and not before now) that is `after`'s
	 * millisecond plus `step`, modulo 60. Guilds made this way with steps 1, 2, 3… land on consecutive
	 * gateway shards (`(id >> 22) % shards`) for any count of shards dividing 60 (1 to 6, 10, 12…).
	 */
	nextAfterGuild(after: string, step: number): string {
		const wanted = ((BigInt(after) >> 22n) + BigInt(step)) % SHARD_CYCLE;
		let timestamp = BigInt(this.#frozenAt ?? Date.now()) - DISCORD_EPOCH;
		if (timestamp <= this.#lastTimestamp) timestamp = this.#lastTimestamp + 1n;
		timestamp += (wanted - (timestamp % SHARD_CYCLE) + SHARD_CYCLE) % SHARD_CYCLE;
		this.#lastTimestamp = timestamp;
		this.#increment = 0n;
		return ((timestamp << 22n) | (1n << 17n) | (1n << 12n)).toString();
	}

	next(): string {
		let timestamp = BigInt(this.#frozenAt ?? Date.now()) - DISCORD_EPOCH;
		if (timestamp <= this.#lastTimestamp) {
			timestamp = this.#lastTimestamp;
			this.#increment += 1n;
			// 12 bits of increment per millisecond; borrow the next millisecond when exhausted.
			if (this.#increment > 0xfffn) {
				timestamp += 1n;
				this.#increment = 0n;
			}
		} else {
			this.#increment = 0n;
		}
		this.#lastTimestamp = timestamp;
		return ((timestamp << 22n) | (1n << 17n) | (1n << 12n) | this.#increment).toString();
	}
}

export function timestampOfSnowflake(id: string): string {
	return new Date(Number((BigInt(id) >> 22n) + DISCORD_EPOCH)).toISOString();
}

export function randomToken(bytes = 24): string {
	return randomBytes(bytes).toString('base64url');
}
