/**
 * As many of `lines` as fit whole in `limit` characters (an embed field holds 1,024, a description 4,096), joined
 * by newlines, then `more(rest)` saying how many were left out: a line cut short would break its mention or link,
 * and the lines past the cut would vanish without a word.
 */
export function fitLines(lines: readonly string[], limit: number, more: (rest: number) => string): string {
	const kept: string[] = [];
	for (const [index, line] of lines.entries()) {
		const rest = lines.length - index - 1;
		if ([...kept, line, ...(rest > 0 ? [more(rest)] : [])].join('\n').length > limit) break;
		kept.push(line);
	}
	if (kept.length < lines.length) kept.push(more(lines.length - kept.length));
	return kept.join('\n');
}
