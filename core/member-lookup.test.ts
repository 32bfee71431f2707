// Which member a typed name designates: exact names first, then a prefix only when it is unambiguous.
import { describe, expect, it } from 'vitest';
import { memberNamed, type NamedMember } from './member-lookup.ts';

const member = (username: string, globalName: string | null = null, nickname: string | null = null): NamedMember => ({ user: { username, globalName }, nickname });

describe('memberNamed', () => {
	const alex = member('alex', 'Alex Martin');
	const alexandra = member('alexandra', 'Alexandra', 'Alex');
	const sam = member('sam.b', 'Sam', 'Boss');
	const team = [alexandra, alex, sam];

	it('prefers a user name, which is unique, over someone else’s nickname', () => {
		expect(memberNamed(team, 'ALEX')).toBe(alex);
	});

	it('takes a single exact global name or nickname, ignoring case', () => {
		expect(memberNamed(team, 'boss')).toBe(sam);
		expect(memberNamed(team, 'alex martin')).toBe(alex);
	});

	it('takes a prefix only when one member has it', () => {
		expect(memberNamed(team, 'alexa')).toBe(alexandra);
		expect(memberNamed(team, 'al')).toBeNull();
		expect(memberNamed(team, 'sa')).toBe(sam);
	});

	it('refuses a name two members share exactly', () => {
		expect(memberNamed([member('kim.a', 'Kim'), member('kim.b', null, 'Kim')], 'kim')).toBeNull();
	});

	it('designates nobody for an empty name or an unknown one', () => {
		expect(memberNamed(team, '')).toBeNull();
		expect(memberNamed(team, 'zoe')).toBeNull();
	});
});
