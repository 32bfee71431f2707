/** Bar charts as PNG for embeds; echarts and resvg load with the first chart (~40 MB resident once loaded). */
import type * as ResvgModule from '@resvg/resvg-js';
import type * as Echarts from 'echarts';
import { onFirstUse } from '../lazy-module.ts';

// echarts' single-file CommonJS build: loads in a third of the time of its ~400 ES modules, for less resident memory.
const echarts = onFirstUse<typeof Echarts>('echarts');
const resvg = onFirstUse<typeof ResvgModule>('@resvg/resvg-js');

export interface BarChart {
	title: string;
	labels: string[];
	series: { name: string; values: number[] }[];
	width?: number;
	height?: number;
}

/**
 * A bar chart as PNG bytes, for an embed image (`attachment://name.png`). echarts renders SVG on the
 * server without a canvas, resvg turns it into PNG: no native build. Text needs a system font
 * (DejaVu in the Docker image).
 */
export function renderBarChart({ title, labels, series, width = 800, height = 360 }: BarChart): Buffer {
	const chart = echarts().init(null, null, { renderer: 'svg', ssr: true, width, height });
	try {
		chart.setOption({
			animation: false,
			backgroundColor: '#ffffff',
			title: { text: title, left: 'center' },
			legend: series.length > 1 ? { bottom: 0 } : undefined,
			grid: { left: 40, right: 20, top: 50, bottom: series.length > 1 ? 50 : 30 },
			xAxis: { type: 'category', data: labels },
			yAxis: { type: 'value', minInterval: 1 },
			series: series.map(({ name, values }) => ({ type: 'bar', name, data: values }))
		});
		const { Resvg } = resvg();
		return new Resvg(chart.renderToSVGString(), { font: { loadSystemFonts: true } }).render().asPng();
	} finally {
		// Without dispose echarts keeps timers alive and the process never exits.
		chart.dispose();
	}
}
