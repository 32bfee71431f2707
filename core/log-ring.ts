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

export class LogRing {
	private readonly lines: (LogLine | undefined)[];
	private next = 0;

	readonly capacity: number;

	constructor(capacity = 2_000) {
		this.capacity = capacity;
		this.lines = new Array(capacity);
	}

	/** The pino stream side: one JSON line per call. */
	write(line: string): void {
		let parsed: Record<string, unknown>;
		try {
			parsed = JSON.parse(line.length > maxLineChars ? `{"msg":${JSON.stringify(line.slice(0, maxLineChars))}}` : line) as Record<string, unknown>;
		} catch {
			parsed = { msg: line.slice(0, maxLineChars) };
		}
		const { time, level, plugin, msg, pid: _pid, hostname: _hostname, ...fields } = parsed;
		const seq = this.next++;
		this.lines[seq % this.capacity] = {
			seq,
			time: new Date(typeof time === 'number' ? time : Date.now()).toISOString(),
			level: typeof level === 'number' ? (pino.levels.labels[level] ?? String(level)) : 'info',
			...(typeof plugin === 'string' ? { plugin } : {}),
			...(typeof msg === 'string' ? { msg } : {}),
			fields
		};
	}

	/** Newest first. */
	query({ level, plugin, before, limit }: LogQuery): LogLine[] {
		const minimum = level ? pino.levels.values[level]! : 0;
		const found: LogLine[] = [];
		const newest = Math.min(this.next, before ?? this.next) - 1;
		for (let seq = newest; seq >= Math.max(0, this.next - this.capacity) && found.length < limit; seq--) {
			const line = this.lines[seq % this.capacity]!;
			if (plugin && line.plugin !== plugin) continue;
			if (minimum && (pino.levels.values[line.level] ?? 0) < minimum) continue;
			found.push(line);
		}
		return found;
	}
}
