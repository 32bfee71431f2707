import { text } from './text.ts';

type Key = Parameters<ReturnType<typeof text>>[0];

/** Discord's English localizations of one of our texts (Discord wants each English locale named). */
export const english = (key: Key) => ({ 'en-US': text('en')(key), 'en-GB': text('en')(key) });

/** Discord's English names of an option whose French name is the default. */
export const englishName = (name: string) => ({ 'en-US': name, 'en-GB': name });
