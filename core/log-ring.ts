/**
 * The process's recent log lines, kept in memory in a bounded ring for `GET /api/logs?source=process`:
 * an operator sees what just happened without a shell on the machine. Fed as one more pino stream, so it
 * holds the same redacted JSON as stdout.
 */
import { pino } from 'pino';

export interface LogLine {
	/** Increasing number of the line in this process: the paging cursor. */
	seq: number;
	time: string;
	level: string;
	plugin?: string;
	msg?: string;
	/** Every other field of the line (err, component, task...). */
	fields: Record<string, unknown>;
}

export interface LogQuery {
	/** Lines at this level or above. */
	level?: pino.Level;
	plugin?: string;
	/** Lines before this `seq` (the previous page's cursor). */
	before?: number;
	limit: number;
}

/** A line longer than this is cut: one huge error must not take the whole ring's memory. */
const maxLineChars = 8_192;
/** Bytes kept for each line in the ring's buffer; a longer line is kept as a string beside it. */
const slotBytes = 512;

/**
 * Lines are kept as bytes in one buffer allocated up front, and read only when asked for. Every request writes
 * a line, and each line a ring holds as a JavaScript value lives through a few young-generation collections
 * before it is dropped: the collector copied and promoted every one of them (300,000 access lines through
 * pino: 7-8 µs a line with a ring of strings or of parsed lines, 2 µs without a ring). Only lines longer than a slot
 * (errors with their stacks: rare) are kept as strings.
 */
export class LogRing {
	private readonly bytes: Buffer;
	private readonly lengths: Uint16Array;
	/** The lines that did not fit in their slot, by slot. */
	private readonly long = new Map<number, string>();
	/** When each line came: the time of a line that is cut, or not JSON, and so has no `time` of its own. */
	private readonly arrivals: Float64Array;
	private next = 0;

	readonly capacity: number;

	constructor(capacity = 2_000) {
		this.capacity = capacity;
		this.bytes = Buffer.allocUnsafe(capacity * slotBytes);
		this.lengths = new Uint16Array(capacity);
		this.arrivals = new Float64Array(capacity);
	}

	/** The pino stream side: one JSON line per call. */
	write(line: string): void {
		const slot = this.next++ % this.capacity;
		this.arrivals[slot] = Date.now();
		if (line.length <= slotBytes && Buffer.byteLength(line) <= slotBytes) {
			this.lengths[slot] = this.bytes.write(line, slot * slotBytes, slotBytes, 'utf8');
			this.long.delete(slot);
		} else {
			this.long.set(slot, line.length > maxLineChars ? line.slice(0, maxLineChars) : line);
		}
	}

	/** Newest first. */
	query({ level, plugin, before, limit }: LogQuery): LogLine[] {
		const minimum = level ? pino.levels.values[level]! : 0;
		const found: LogLine[] = [];
		const newest = Math.min(this.next, before ?? this.next) - 1;
		for (let seq = newest; seq >= Math.max(0, this.next - this.capacity) && found.length < limit; seq--) {
			const line = parseLine(seq, this.textOf(seq % this.capacity), this.arrivals[seq % this.capacity]!);
			if (plugin && line.plugin !== plugin) continue;
			if (minimum && (pino.levels.values[line.level] ?? 0) < minimum) continue;
			found.push(line);
		}
		return found;
	}

	private textOf(slot: number): string {
		const start = slot * slotBytes;
		return this.long.get(slot) ?? this.bytes.toString('utf8', start, start + this.lengths[slot]!);
	}
}

function parseLine(seq: number, text: string, arrival: number): LogLine {
	let parsed: Record<string, unknown>;
	try {
		parsed = JSON.parse(text) as Record<string, unknown>;
	} catch {
		// A line cut at maxLineChars, or not JSON: its text is the message, and its level, time and plugin are read
		// off its start (pino writes them first), so a huge error still shows as an error.
		parsed = { ...headOf(text), msg: text };
	}
	const { time, level, plugin, msg, pid: _pid, hostname: _hostname, ...fields } = parsed;
	return {
		seq,
		time: new Date(typeof time === 'number' ? time : arrival).toISOString(),
		level: typeof level === 'number' ? (pino.levels.labels[level] ?? String(level)) : 'info',
		...(typeof plugin === 'string' ? { plugin } : {}),
		...(typeof msg === 'string' ? { msg } : {}),
		fields
	};
}

function headOf(text: string): Record<string, unknown> {
	const level = /^\{"level":(\d+)/.exec(text)?.[1];
	const time = /^\{"level":\d+,"time":(\d+)/.exec(text)?.[1];
	const plugin = /"plugin":"([\w-]+)"/.exec(text.slice(0, 512))?.[1];
	return { ...(level ? { level: Number(level) } : {}), ...(time ? { time: Number(time) } : {}), ...(plugin ? { plugin } : {}) };
}
