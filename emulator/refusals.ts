/** What Discord's client would not let a member send, as an error that says why in data: a sandbox tells its reader in their language. */
import type { ChannelType } from 'discord.js';
import { DiscordApiError } from './http.ts';

/**
 * Why a command is refused, with what to say it. `command` is the command as the member's client shows it
 * (`/aide`, or `« Archive »` for a message command); option, subcommand and choice names are those shown
 * in the member's language; `typed` and `got` are what the member typed.
 */
export type Refusal =
	| { reason: 'notAMember'; user: string; guild: string }
	| { reason: 'turnedOffInChannel'; command: string; user: string; channel: string }
	| { reason: 'deniedInSettings'; command: string; user: string }
	| { reason: 'administratorsOnly'; command: string; user: string }
	/** `permissions`: discord.js's names of the missing ones (`ManageChannels`). */
	| { reason: 'missingPermissions'; command: string; user: string; permissions: string[] }
	| { reason: 'unknownSubcommandGroup'; command: string; typed: string }
	/** `subcommands`: those the command has (with its groups), none when it takes only options. */
	| { reason: 'unknownSubcommand'; command: string; typed: string; subcommands: string[] }
	| { reason: 'subcommandNeeded'; command: string; subcommands: string[] }
	| { reason: 'unknownOption'; command: string; typed: string; options: string[] }
	| { reason: 'missingOptions'; command: string; options: string[] }
	| { reason: 'notAChoice'; command: string; option: string; choices: string[]; got: string }
	| { reason: 'tooShort'; command: string; option: string; min: number; length: number }
	| { reason: 'tooLong'; command: string; option: string; max: number; length: number }
	| { reason: 'tooSmall'; command: string; option: string; min: number; got: number }
	| { reason: 'tooBig'; command: string; option: string; max: number; got: number }
	| { reason: 'wrongChannelType'; command: string; option: string; channel: string; type: ChannelType; expected: ChannelType[] }
	| { reason: 'notAnInteger' | 'notANumber' | 'notABoolean'; command: string; option: string; got: string }
	| { reason: 'unknownUser' | 'unknownRole' | 'unknownChannel'; command: string; option: string; got: string }
	| { reason: 'attachment'; command: string; option: string }
	/** A post or a command in a category: no client offers a way to. */
	| { reason: 'category'; channel: string }
	/** Someone not (or no longer) a member of the server posts or clicks in it: their client shows them none of its channels. */
	| { reason: 'notInGuild'; user: string; guild: string }
	/** The message a click or a message command was on is gone. */
	| { reason: 'messageGone' }
	/** The message has no such button or select menu (any more). */
	| { reason: 'noSuchComponent'; kind: 'button' | 'select' }
	/** `label`: what the client shows on it (a button's label, a menu's placeholder), if anything. */
	| { reason: 'componentDisabled'; kind: 'button' | 'select'; label: string | null }
	/** No message command of that name in the message's Apps menu. */
	| { reason: 'noMessageCommand'; typed: string }
	/** The form was answered already, or never shown. */
	| { reason: 'formClosed' }
	/** `form`: its title; `field`: its label, as the form shows them. */
	| { reason: 'fieldRequired'; form: string; field: string }
	| { reason: 'fieldTooShort'; form: string; field: string; min: number; length: number }
	| { reason: 'fieldTooLong'; form: string; field: string; max: number; length: number }
	/** `typed`: the field ids given that the form lacks; `fields`: those it has. */
	| { reason: 'unknownFields'; form: string; typed: string[]; fields: string[] };

/**
 * What the local server refuses as Discord's client would not send it (a command, a click, a form, a post):
 * `message` in English for tests and logs, `refusal` for people.
 */
export class CommandRefused extends Error {
	readonly refusal: Refusal;

	constructor(refusal: Refusal, message: string) {
		super(message);
		this.name = 'CommandRefused';
		this.refusal = refusal;
	}
}

/** Why the server refused, as data, when it says: a refusal, or a Discord API error it gave a reason to (50001 Missing Access to a former member). */
export function refusalOf(error: unknown): Refusal | undefined {
	return error instanceof CommandRefused || error instanceof DiscordApiError ? error.refusal : undefined;
}
