import { describe, expect, it } from 'vitest';
import { escapeUserText } from './escape.ts';

describe('escapeUserText', () => {
	it('neutralises @everyone, @here and user, role and channel mentions', () => {
		expect(escapeUserText('@everyone @here')).toBe('@\u200beveryone @\u200bhere');
		expect(escapeUserText('<@123> <@!456> <@&789> <#42>')).toBe('<\u200b@123> <\u200b@!456> <\u200b@&789> <\u200b#42>');
	});

	it('escapes Markdown, headings, lists and masked links included', () => {
		expect(escapeUserText('**bold** _it_ `code`')).toBe('\\*\\*bold\\*\\* \\_it\\_ \\`code\\`');
		expect(escapeUserText('# Title')).toBe('\\# Title');
		expect(escapeUserText('- item')).toBe('\\- item');
		expect(escapeUserText('[free](https://evil.example)')).toBe('\\[free](https://evil.example)');
	});

	it('leaves plain text alone', () => {
		expect(escapeUserText('Dalle B2 coulée, 8 h')).toBe('Dalle B2 coulée, 8 h');
	});
});
