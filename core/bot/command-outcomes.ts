// Commands counted and timed per plugin, by result, once Sapphire says how they ended.
import type { Command } from '@sapphire/framework';
import { pluginMetrics } from '../metrics.ts';
import { pluginNameOf } from './plugin-of.ts';

export function commandFinished(command: Command, result: 'ok' | 'error', durationMs: number): void {
	const labels = { plugin: pluginNameOf(command), command: command.name };
	pluginMetrics.commands.inc({ ...labels, outcome: result });
	pluginMetrics.commandSeconds.observe(labels, durationMs / 1000);
}
