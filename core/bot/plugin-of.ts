// The plugin a piece belongs to, for logs and metric labels; the core's own pieces say "core".
import { container, type Piece } from '@sapphire/framework';

export const pluginNameOf = (piece: Piece): string => container.plugins.pluginOf(piece) ?? 'core';
