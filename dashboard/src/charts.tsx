// The dashboard's charts, in plain SVG and HTML: a column chart per day and a bar list per member. A chart
// library (uPlot ~20 KB, ECharts ~150 KB+ gzip) would add weight for two chart shapes this file draws in ~100 lines.
import { dayInWords, t } from './i18n.ts';

export interface Series {
	label: string;
	/** A CSS colour or custom property. */
	color: string;
	values: number[];
}

const width = 640;
const height = 220;
const margin = { top: 14, right: 8, bottom: 30, left: 44 };

/** A round upper bound for the axis (1, 2, 5 × 10^n). */
function niceMax(value: number): number {
	if (value <= 0) return 1;
	const power = 10 ** Math.floor(Math.log10(value));
	return [1, 2, 5, 10].map((step) => step * power).find((bound) => bound >= value)!;
}

const shortDay = (day: string) => dayInWords(day, { day: 'numeric', month: 'short' });

/** Columns per day, one per series side by side; each column's figure is in its tooltip. */
export function DayChart({ days, series, title, testId }: { days: string[]; series: Series[]; title: string; testId: string }) {
	const max = niceMax(Math.max(0, ...series.flatMap((one) => one.values)));
	const plotWidth = width - margin.left - margin.right;
	const plotHeight = height - margin.top - margin.bottom;
	const slot = plotWidth / Math.max(1, days.length);
	const bar = Math.max(1, (slot * 0.8) / series.length);
	const y = (value: number) => margin.top + plotHeight - (value / max) * plotHeight;
	const labelEvery = Math.ceil(days.length / 7);
	return (
		<figure class="chart" data-testid={testId}>
			<figcaption>{title}</figcaption>
			<svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title}>
				{[0, max / 2, max].filter(Number.isInteger).map((tick) => (
					<g>
						<line x1={margin.left} x2={width - margin.right} y1={y(tick)} y2={y(tick)} class="grid" />
						<text x={margin.left - 4} y={y(tick) + 4} text-anchor="end" class="axis">
							{tick}
						</text>
					</g>
				))}
				{days.map((day, index) =>
					series.map((one, position) => {
						const value = one.values[index] ?? 0;
						return (
							<rect x={margin.left + index * slot + slot * 0.1 + position * bar} y={y(value)} width={bar} height={Math.max(0, y(0) - y(value))} fill={one.color} data-value={value}>
								<title>{`${shortDay(day)} · ${t('labelled', { label: one.label, value })}`}</title>
							</rect>
						);
					})
				)}
				{days.map((day, index) =>
					index % labelEvery === 0 ? (
						<text x={margin.left + index * slot + slot / 2} y={height - 6} text-anchor="middle" class="axis">
							{shortDay(day)}
						</text>
					) : null
				)}
			</svg>
			{series.length > 1 && (
				<p class="legend">
					{series.map((one) => (
						<span>
							<i style={{ background: one.color }} /> {one.label}
						</span>
					))}
				</p>
			)}
		</figure>
	);
}

/** Horizontal bars, one per member, longest first. */
export function MemberBars({ rows, title, testId, empty }: { rows: { name: string; value: number }[]; title: string; testId: string; empty: string }) {
	const max = Math.max(1, ...rows.map((row) => row.value));
	return (
		<figure class="chart" data-testid={testId}>
			<figcaption>{title}</figcaption>
			{rows.length === 0 ? (
				<p class="muted">{empty}</p>
			) : (
				<ul class="bars">
					{rows.map((row) => (
						<li>
							<span class="bar-name">{row.name}</span>
							<span class="bar-track">
								<span class="bar" style={{ width: `${(row.value / max) * 100}%` }} />
							</span>
							<strong>{row.value}</strong>
						</li>
					))}
				</ul>
			)}
		</figure>
	);
}
