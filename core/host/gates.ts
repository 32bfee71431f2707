import type { Piece } from '@sapphire/framework';
import { taskMetrics } from '../metrics.ts';
import { afterFailedRun, afterSuccessfulRun, retryPolicyOf, unwrapRetry } from '../scheduler/retries.ts';
import { recordTaskRun, type TaskRun } from '../scheduler/task-runs.ts';
import type { StoreName } from './piece-kinds.ts';

/** Decides whether a plugin's pieces may run, for a guild or bot-wide. */
export interface PluginGate {
	isActive(plugin: string, guildId?: string | null): boolean;
	/** Called when a gated piece throws, so the error is logged, counted and shown with the plugin named. */
	reportError(plugin: string, piece: Piece, error: unknown, subject?: unknown): void;
	/** Answers a member whose interaction reached a switched-off plugin. */
	replyDisabled(plugin: string, interaction: unknown): Promise<void>;
}

/** Finds the guild an event or interaction belongs to, if any (message.guildId, member.guild.id...). */
export function guildIdOf(values: readonly unknown[]): string | null {
	for (const value of values) {
		if (typeof value !== 'object' || value === null) continue;
		const candidate = value as { guildId?: unknown; guild?: { id?: unknown } };
		if (typeof candidate.guildId === 'string') return candidate.guildId;
		if (typeof candidate.guild?.id === 'string') return candidate.guild.id;
	}
	return null;
}

const disabledMarker = Symbol('plugin disabled');

/** The refusal a precondition that threw turns into: the member was already told, with the error's reference. */
export const preconditionFailedIdentifier = 'preconditionFailed';

/** What an interaction handler's `parse` resolves to: @sapphire/result's Option (some = "this one is mine"). */
interface HandlerClaim {
	isNone(): boolean;
}

type AnyFunction = (...args: unknown[]) => unknown;
type Patchable = Record<string, AnyFunction | undefined>;

/**
 * Wraps a freshly constructed piece (before it is inserted) so that switching its plugin off
 * stops it without unloading it: listeners skip events, tasks skip runs, interaction handlers
 * answer "disabled", autocomplete answers nothing. A precondition that throws is reported and refuses.
 * Commands are gated by a global precondition and routes by a middleware, which see the piece's
 * plugin through the same gate.
 */
export function gatePiece(store: StoreName, piece: Piece, plugin: string, gate: PluginGate): void {
	const target = piece as unknown as Patchable;
	// Only interactions are answered with an error embed: a failing message listener must not reply to every message.
	const answersMember = store === 'interaction-handlers' || store === 'commands';
	const wrap = (method: string, whenInactive: (args: unknown[]) => unknown, guildScoped = true) => {
		const original = target[method]?.bind(piece);
		if (!original) return;
		target[method] = async (...args: unknown[]) => {
			if (!gate.isActive(plugin, guildScoped ? guildIdOf(args) : null)) return whenInactive(args);
			try {
				return await original(...args);
			} catch (error) {
				gate.reportError(plugin, piece, error, answersMember ? args[0] : undefined);
				return undefined;
			}
		};
	};
	switch (store) {
		case 'listeners':
			wrap('run', () => undefined);
			break;
		case 'scheduled-tasks': {
			const run = target.run?.bind(piece);
			if (!run) break;
			target.run = async (...args: unknown[]) => {
				const at = new Date();
				const finished = (outcome: TaskRun['outcome']) => {
					const durationMs = Date.now() - at.getTime();
					taskMetrics.runs.inc({ task: piece.name, outcome });
					if (outcome !== 'skipped') taskMetrics.seconds.observe({ task: piece.name }, durationMs / 1000);
					void recordTaskRun(piece.name, { outcome, at: at.toISOString(), durationMs });
				};
				if (!gate.isActive(plugin, null)) return finished('skipped');
				const { attempt, payload } = unwrapRetry(args[0]);
				try {
					const result = await run(payload, ...args.slice(1));
					finished('ok');
					void afterSuccessfulRun(piece.name);
					return result;
				} catch (error) {
					finished('error');
					gate.reportError(plugin, piece, error);
					void afterFailedRun({ task: piece.name, plugin, attempt, payload, error, policy: retryPolicyOf(piece.options) });
					return undefined;
				}
			};
			break;
		}
		case 'commands':
			wrap('autocompleteRun', ([interaction]) => (interaction as { respond(choices: []): Promise<void> }).respond([]));
			break;
		case 'interaction-handlers': {
			const parse = target.parse?.bind(piece);
			if (parse) {
				// The handler's own parse decides first: a switched-off plugin answers only for its own components.
				target.parse = async (...args: unknown[]) => {
					const claim = (await parse(...args)) as HandlerClaim;
					if (claim.isNone() || gate.isActive(plugin, guildIdOf(args))) return claim;
					return (piece as unknown as { some(value: unknown): HandlerClaim }).some(disabledMarker);
				};
			}
			wrap('run', () => undefined);
			const run = target.run;
			target.run = async (...args: unknown[]) =>
				args[1] === disabledMarker ? gate.replyDisabled(plugin, args[0]) : run?.(...args);
			break;
		}
		case 'preconditions':
			// A precondition that throws would leave the member without an answer (Sapphire only emits a listener error).
			for (const method of ['messageRun', 'chatInputRun', 'contextMenuRun']) {
				const original = target[method]?.bind(piece);
				if (!original) continue;
				target[method] = async (...args: unknown[]) => {
					try {
						return await original(...args);
					} catch (error) {
						gate.reportError(plugin, piece, error, args[0]);
						return (piece as unknown as { error(options: { identifier: string; message: string }): unknown }).error({
							identifier: preconditionFailedIdentifier,
							message: `precondition ${piece.name} failed`
						});
					}
				};
			}
			break;
		default:
			break;
	}
}
