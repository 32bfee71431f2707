import { inEnglish } from '#core/plugin-kit.ts';
import { text } from './text.ts';

type Key = Parameters<ReturnType<typeof text>>[0];

/** Discord's English localizations of one of the team plugin's texts. */
export const english = (key: Key) => inEnglish(text('en')(key));
