// Discord's message markdown as the app draws it: mentions as pills, <t:…> timestamps (shared with the terminal chat), bold, italics, code, links.
import type { ComponentChildren } from 'preact';
import { formatTimestamp } from '../../../sandbox/markup.ts';
import { lang } from '../i18n.ts';

export interface Names {
	user(id: string): string;
	role(id: string): string;
	channel(id: string): string;
}

const inline =
	/(<@!?\d+>|<@&\d+>|<#\d+>|<t:-?\d+(?::[tTdDfFR])?>|\*\*[^*]+\*\*|__[^_]+__|~~[^~]+~~|\*[^*\s][^*]*\*|_[^_\s][^_]*_|`[^`]+`|\[[^\]]+\]\(https?:\/\/[^)\s]+\))/;

function renderInline(text: string, names: Names): ComponentChildren[] {
	return text.split(inline).map((part, index) => {
		if (index % 2 === 0) return part;
		let match: RegExpExecArray | null;
		if ((match = /^<@!?(\d+)>$/.exec(part))) return <span class="mention">@{names.user(match[1]!)}</span>;
		if ((match = /^<@&(\d+)>$/.exec(part))) return <span class="mention">@{names.role(match[1]!)}</span>;
		if ((match = /^<#(\d+)>$/.exec(part))) return <span class="mention">#{names.channel(match[1]!)}</span>;
		if ((match = /^<t:(-?\d+)(?::(\w))?>$/.exec(part))) {
			const seconds = Number(match[1]);
			const full = formatTimestamp(seconds, 'F', { locale: lang.value });
			return (
				<time class="stamp" dateTime={new Date(seconds * 1000).toISOString()} title={full}>
					{formatTimestamp(seconds, match[2], { locale: lang.value })}
				</time>
			);
		}
		if (part.startsWith('**')) return <strong>{renderInline(part.slice(2, -2), names)}</strong>;
		if (part.startsWith('__')) return <u>{renderInline(part.slice(2, -2), names)}</u>;
		if (part.startsWith('~~')) return <s>{renderInline(part.slice(2, -2), names)}</s>;
		if (part.startsWith('`')) return <code>{part.slice(1, -1)}</code>;
		if ((match = /^\[([^\]]+)\]\((\S+)\)$/.exec(part))) {
			return (
				<a href={match[2]} target="_blank" rel="noreferrer noopener">
					{match[1]}
				</a>
			);
		}
		return <em>{renderInline(part.slice(1, -1), names)}</em>;
	});
}

/** A text of Discord markdown: code blocks, `> quotes`, `# headings`, then inline markup. */
export function Markup({ text, names }: { text: string; names: Names }) {
	const blocks = text.split(/```(?:[\w-]*\n)?([\s\S]*?)```/);
	return (
		<>
			{blocks.map((block, index) =>
				index % 2 === 1 ? (
					<pre>{block}</pre>
				) : (
					block.split('\n').map((line, lineIndex, lines) => {
						const quote = /^>\s?(.*)$/.exec(line);
						const heading = /^(#{1,3})\s+(.*)$/.exec(line);
						const end = lineIndex < lines.length - 1 ? '\n' : '';
						if (quote) return <blockquote>{renderInline(quote[1]!, names)}</blockquote>;
						if (heading) return <strong class={`h${heading[1]!.length}`}>{renderInline(heading[2]!, names)}{end}</strong>;
						return (
							<>
								{renderInline(line, names)}
								{end}
							</>
						);
					})
				)
			)}
		</>
	);
}
