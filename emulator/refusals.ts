/** What Discord's client would not let a member send, as an error that says why in data: a sandbox tells its reader in their language. */
import type { ChannelType } from 'discord.js';

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
	| { reason: 'attachment'; command: string; option: string };

/** A command the local server refuses, as Discord's client would not send it: `message` in English for tests and logs, `refusal` for people. */
export class CommandRefused extends Error {
	readonly refusal: Refusal;

	constructor(refusal: Refusal, message: string) {
		super(message);
		this.name = 'CommandRefused';
		this.refusal = refusal;
	}
}
