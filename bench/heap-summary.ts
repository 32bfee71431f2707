/*
 * Where a V8 heap goes: reads a `.heapsnapshot` (v8.writeHeapSnapshot, --heapsnapshot-signal) and sums
 * retained sizes by constructor and by module (package or project folder).
 *
 *   npx tsx bench/heap-summary.ts FILE.heapsnapshot [--top 25]
 *
 * Retained sizes come from the dominator tree (Cooper, Harvey and Kennedy's iterative algorithm, weak edges
 * ignored), as in the DevTools' memory panel. A constructor's retained size counts each object once: objects
 * held by another object of the same constructor are inside that one's figure. Memory is attributed to a module
 * by walking up the dominator tree to the nearest script (its source and compiled code), function (its closure
 * state) or module namespace; what no such owner dominates is listed under the kind of root that holds it.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

interface RawSnapshot {
	snapshot: {
		meta: { node_fields: string[]; node_types: [string[], ...unknown[]]; edge_fields: string[]; edge_types: [string[], ...unknown[]] };
		node_count: number;
	};
	nodes: number[];
	edges: number[];
	strings: string[];
}

export interface HeapSummary {
	totalBytes: number;
	objectCount: number;
	/** By node kind (strings, compiled code, objects, closures, arrays, …): self sizes. */
	byKind: { name: string; bytes: number; count: number }[];
	/** By constructor or system type, retained size counted once per nesting. */
	byConstructor: { name: string; retained: number; self: number; count: number }[];
	/** By package (`node_modules/<name>`), project folder, or node internals. */
	byModule: { name: string; bytes: number }[];
}

const projectRoot = fileURLToPath(new URL('../', import.meta.url));

/** `file:///…/node_modules/@scope/name/dist/x.js` → `@scope/name`; project files → their folder (`plugins/team`). */
export function moduleOf(scriptName: string): string {
	if (scriptName.startsWith('node:')) return 'node (built-in modules)';
	let path = scriptName.replace(/^file:\/\//, '').replace(/\?.*$/, '');
	const packageMatch = /.*\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
	if (packageMatch) return packageMatch[1]!;
	if (path.startsWith(projectRoot)) {
		path = path.slice(projectRoot.length);
		const parts = path.split('/');
		return parts.length > 2 ? `${parts[0]}/${parts[1]}` : parts.length === 2 ? parts[0]! : path;
	}
	if (/^[a-z_]+(\/|$)/.test(path) || path === '') return 'node (built-in modules)';
	return path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : path;
}

export async function summarizeHeapSnapshot(file: string): Promise<HeapSummary> {
	const raw = JSON.parse(await readFile(file, 'utf8')) as RawSnapshot;
	const { meta } = raw.snapshot;
	const nodeFieldCount = meta.node_fields.length;
	const edgeFieldCount = meta.edge_fields.length;
	const [typeField, nameField, , sizeField, edgeCountField] = ['type', 'name', 'id', 'self_size', 'edge_count'].map((field) => meta.node_fields.indexOf(field)) as [number, number, number, number, number];
	const [edgeTypeField, edgeNameField, edgeToField] = ['type', 'name_or_index', 'to_node'].map((field) => meta.edge_fields.indexOf(field)) as [number, number, number];
	const nodeTypes = meta.node_types[0];
	const edgeTypes = meta.edge_types[0];
	const { nodes, edges, strings } = raw;
	const nodeCount = nodes.length / nodeFieldCount;

	const type = (node: number) => nodeTypes[nodes[node * nodeFieldCount + typeField]!]!;
	const name = (node: number) => strings[nodes[node * nodeFieldCount + nameField]!]!;
	const selfSize = (node: number) => nodes[node * nodeFieldCount + sizeField]!;
	const firstEdge = new Uint32Array(nodeCount + 1);
	for (let node = 0, edge = 0; node < nodeCount; node++) {
		firstEdge[node] = edge;
		edge += nodes[node * nodeFieldCount + edgeCountField]!;
		firstEdge[node + 1] = edge;
	}
	const edgeType = (edge: number) => edgeTypes[edges[edge * edgeFieldCount + edgeTypeField]!]!;
	const edgeName = (edge: number) => {
		const kind = edgeType(edge);
		const value = edges[edge * edgeFieldCount + edgeNameField]!;
		return kind === 'element' || kind === 'hidden' ? String(value) : strings[value]!;
	};
	const edgeTarget = (edge: number) => edges[edge * edgeFieldCount + edgeToField]! / nodeFieldCount;
	const strong = (edge: number) => edgeType(edge) !== 'weak';

	// Depth-first post-order from the root (node 0) over strong edges.
	const postOrderIndex = new Int32Array(nodeCount).fill(-1);
	const order = new Uint32Array(nodeCount);
	let visited = 0;
	{
		const stack = new Uint32Array(nodeCount);
		const nextEdge = new Uint32Array(nodeCount);
		const seen = new Uint8Array(nodeCount);
		let depth = 0;
		stack[depth++] = 0;
		seen[0] = 1;
		nextEdge[0] = firstEdge[0]!;
		while (depth > 0) {
			const node = stack[depth - 1]!;
			if (nextEdge[node]! < firstEdge[node + 1]!) {
				const edge = nextEdge[node]!++;
				const target = edgeTarget(edge);
				if (!strong(edge) || seen[target]) continue;
				seen[target] = 1;
				nextEdge[target] = firstEdge[target]!;
				stack[depth++] = target;
			} else {
				depth--;
				postOrderIndex[node] = visited;
				order[visited++] = node;
			}
		}
	}

	// Predecessors (strong edges, reachable nodes only), as compressed rows.
	const predecessorCount = new Uint32Array(nodeCount + 1);
	for (let node = 0; node < nodeCount; node++) {
		if (postOrderIndex[node] === -1) continue;
		for (let edge = firstEdge[node]!; edge < firstEdge[node + 1]!; edge++) if (strong(edge)) predecessorCount[edgeTarget(edge) + 1]!++;
	}
	for (let node = 0; node < nodeCount; node++) predecessorCount[node + 1]! += predecessorCount[node]!;
	const predecessors = new Uint32Array(predecessorCount[nodeCount]!);
	{
		const filled = predecessorCount.slice();
		for (let node = 0; node < nodeCount; node++) {
			if (postOrderIndex[node] === -1) continue;
			for (let edge = firstEdge[node]!; edge < firstEdge[node + 1]!; edge++) if (strong(edge)) predecessors[filled[edgeTarget(edge)]!++] = node;
		}
	}

	// Immediate dominators, in post-order numbers (the root is the last, visited - 1).
	const root = visited - 1;
	const dominator = new Int32Array(visited).fill(-1);
	dominator[root] = root;
	for (let changed = true; changed; ) {
		changed = false;
		for (let index = root - 1; index >= 0; index--) {
			const node = order[index]!;
			let candidate = -1;
			for (let slot = predecessorCount[node]!; slot < predecessorCount[node + 1]!; slot++) {
				let other = postOrderIndex[predecessors[slot]!]!;
				if (dominator[other] === -1) continue;
				if (candidate === -1) {
					candidate = other;
					continue;
				}
				while (other !== candidate) {
					while (other < candidate) other = dominator[other]!;
					while (candidate < other) candidate = dominator[candidate]!;
				}
			}
			if (candidate !== -1 && dominator[index] !== candidate) {
				dominator[index] = candidate;
				changed = true;
			}
		}
	}
	const retained = new Float64Array(visited);
	for (let index = 0; index < visited; index++) retained[index]! += selfSize(order[index]!);
	for (let index = 0; index < root; index++) retained[dominator[index]!]! += retained[index]!;

	// Scripts, by name: each holds a module's source text and its compiled functions.
	const scriptModule = new Map<number, string>();
	for (let node = 0; node < nodeCount; node++) {
		if (type(node) !== 'code' || !name(node)) continue;
		for (let edge = firstEdge[node]!; edge < firstEdge[node + 1]!; edge++) if (edgeName(edge) === 'source') scriptModule.set(node, moduleOf(name(node)));
	}
	// Kinds and constructors.
	const kindOf = (node: number): string => {
		const kind = type(node);
		if (kind === 'string' || kind === 'concatenated string' || kind === 'sliced string') return 'strings (module sources mostly)';
		if (kind === 'code') return 'compiled code and its metadata';
		if (kind === 'object shape') return 'object shapes (hidden classes)';
		return { closure: 'functions', array: 'arrays and property stores', object: 'objects', hidden: 'V8 internals', native: 'native (Node, buffers)' }[kind] ?? kind;
	};
	const constructorOf = (node: number): string => {
		const kind = type(node);
		if (kind === 'object' || kind === 'native' || kind === 'hidden') return name(node);
		if (kind === 'closure') return '(closures)';
		if (kind === 'code') return scriptModule.has(node) ? '(scripts: module source and code)' : name(node).startsWith('system /') || name(node).startsWith('(') ? name(node) : '(compiled code)';
		return `(${kind})`;
	};
	const kinds = new Map<string, { bytes: number; count: number }>();
	const constructorIds = new Map<string, number>();
	const constructorOfIndex = new Uint32Array(visited);
	for (let index = 0; index < visited; index++) {
		const node = order[index]!;
		const kind = kinds.get(kindOf(node)) ?? { bytes: 0, count: 0 };
		kind.bytes += selfSize(node);
		kind.count++;
		kinds.set(kindOf(node), kind);
		const constructor = constructorOf(node);
		if (!constructorIds.has(constructor)) constructorIds.set(constructor, constructorIds.size);
		constructorOfIndex[index] = constructorIds.get(constructor)!;
	}

	// Owners: module records and CommonJS modules, functions and compiled code through their script.
	const moduleOfNode = new Map<number, string>(scriptModule);
	const link = (from: (node: number) => boolean, via: (label: string, target: number) => boolean) => {
		for (let node = 0; node < nodeCount; node++) {
			if (moduleOfNode.has(node) || !from(node)) continue;
			for (let edge = firstEdge[node]!; edge < firstEdge[node + 1]!; edge++) {
				const target = edgeTarget(edge);
				if (via(edgeName(edge), target) && moduleOfNode.has(target)) {
					moduleOfNode.set(node, moduleOfNode.get(target)!);
					break;
				}
			}
		}
	};
	// shared function info → script; function → shared function info; module body (a generator) → function;
	// ES module record → its body.
	link((node) => type(node) === 'code', (label, target) => label === 'script' && scriptModule.has(target));
	link((node) => type(node) === 'closure', (label) => label === 'shared');
	link((node) => name(node) === 'Generator', (label) => label === 'function');
	link((node) => name(node) === 'system / SourceTextModule', (_label, target) => name(target) === 'Generator');
	for (let node = 0; node < nodeCount; node++) {
		const byUrl = name(node) === 'ModuleWrap' || name(node) === 'ModuleJob';
		const byFile = name(node) === 'Module' && type(node) === 'object';
		if (!byUrl && !byFile) continue;
		for (let edge = firstEdge[node]!; edge < firstEdge[node + 1]!; edge++) {
			const label = edgeName(edge);
			if ((byUrl && label === 'url') || (byFile && label === 'filename')) moduleOfNode.set(node, moduleOf(name(edgeTarget(edge))));
		}
	}
	// A script's source text belongs to it wherever the dominator tree puts it (it is shared with caches).
	for (const [script, module] of scriptModule) {
		for (let edge = firstEdge[script]!; edge < firstEdge[script + 1]!; edge++) if (edgeName(edge) === 'source') moduleOfNode.set(edgeTarget(edge), module);
	}
	// Node keeps the parsed source map of every module once source maps are on (`--enable-source-maps`, or a loader such as tsx).
	for (let node = 0; node < nodeCount; node++) {
		for (let edge = firstEdge[node]!; edge < firstEdge[node + 1]!; edge++) {
			if (/source_map_data|sourceMapURL/.test(edgeName(edge))) moduleOfNode.set(edgeTarget(edge), '(source maps kept by Node)');
		}
	}
	// WebAssembly memories (PGlite's whole Postgres) and their buffers.
	for (let node = 0; node < nodeCount; node++) {
		if (name(node) !== 'Memory' || type(node) !== 'object') continue;
		moduleOfNode.set(node, '(WebAssembly memory)');
		for (let edge = firstEdge[node]!; edge < firstEdge[node + 1]!; edge++) moduleOfNode.set(edgeTarget(edge), '(WebAssembly memory)');
	}
	const ownerModule = new Map<number, string>();
	for (const [node, module] of moduleOfNode) if (postOrderIndex[node] !== -1) ownerModule.set(postOrderIndex[node]!, module);

	// Walk the dominator tree top-down: constructor totals counted once per nesting, memory to the nearest owner.
	const children = new Uint32Array(visited + 1);
	for (let index = 0; index < root; index++) children[dominator[index]! + 1]!++;
	for (let index = 0; index < visited; index++) children[index + 1]! += children[index]!;
	const childList = new Uint32Array(visited);
	{
		const filled = children.slice();
		for (let index = 0; index < root; index++) childList[filled[dominator[index]!]!++] = index;
	}
	const constructorRetained = new Float64Array(constructorIds.size);
	const constructorSelf = new Float64Array(constructorIds.size);
	const constructorCount = new Uint32Array(constructorIds.size);
	const open = new Uint32Array(constructorIds.size);
	{
		const stack: { index: number; next: number }[] = [{ index: root, next: children[root]! }];
		while (stack.length > 0) {
			const frame = stack.at(-1)!;
			if (frame.next === children[frame.index]!) {
				const constructor = constructorOfIndex[frame.index]!;
				if (open[constructor] === 0) constructorRetained[constructor]! += retained[frame.index]!;
				open[constructor]!++;
				constructorSelf[constructor]! += selfSize(order[frame.index]!);
				constructorCount[constructor]!++;
			}
			if (frame.next < children[frame.index + 1]!) {
				const child = childList[frame.next++]!;
				stack.push({ index: child, next: children[child]! });
			} else {
				open[constructorOfIndex[frame.index]!]!--;
				stack.pop();
			}
		}
	}

	// Memory to modules, top-down: a module's own objects; else the owner of the nearest dominator; else, for
	// what the root holds directly (the tree is flat at the top), a retainer that is a module's own object
	// (a script, function or module record); else what holds it.
	const owner: (string | undefined)[] = new Array(visited);
	const topLabel = (index: number) => {
		const node = order[index]!;
		const kind = type(node);
		const label = kind === 'object' || kind === 'native' || kind === 'hidden' ? name(node) : kind;
		return `(no module: ${label.slice(0, 40)})`;
	};
	const modules = new Map<string, number>();
	for (let index = root - 1; index >= 0; index--) {
		const node = order[index]!;
		let module = ownerModule.get(index);
		const parent = dominator[index]!;
		if (!module && parent !== root && !owner[parent]!.startsWith('(no module')) module = owner[parent];
		if (!module) {
			for (let slot = predecessorCount[node]!; slot < predecessorCount[node + 1]! && !module; slot++) {
				module = ownerModule.get(postOrderIndex[predecessors[slot]!]!);
			}
		}
		module ??= parent === root ? topLabel(index) : owner[parent]!;
		owner[index] = module;
		modules.set(module, (modules.get(module) ?? 0) + selfSize(node));
	}

	const constructorNames = [...constructorIds.keys()];
	return {
		totalBytes: retained[root]!,
		objectCount: visited,
		byKind: [...kinds].map(([kind, { bytes, count }]) => ({ name: kind, bytes, count })).sort((a, b) => b.bytes - a.bytes),
		byConstructor: constructorNames
			.map((constructor, id) => ({ name: constructor, retained: constructorRetained[id]!, self: constructorSelf[id]!, count: constructorCount[id]! }))
			.filter((constructor) => constructor.name !== '(synthetic)')
			.sort((a, b) => b.retained - a.retained),
		byModule: [...modules].map(([module, bytes]) => ({ name: module, bytes })).sort((a, b) => b.bytes - a.bytes)
	};
}

export function formatHeapSummary(summary: HeapSummary, top = 15): string {
	const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`.padStart(9);
	const share = (bytes: number) => `${((bytes / summary.totalBytes) * 100).toFixed(0)}%`.padStart(4);
	const lines = [`  ${mb(summary.totalBytes)} in ${summary.objectCount.toLocaleString('en-US')} reachable objects`, '  by kind (self sizes):'];
	for (const kind of summary.byKind.slice(0, 8)) lines.push(`    ${mb(kind.bytes)} ${share(kind.bytes)}  ${kind.name} (${kind.count.toLocaleString('en-US')})`);
	lines.push('  by module (what each package or project folder holds: its code, sources and the data it keeps):');
	for (const module of summary.byModule.slice(0, top)) lines.push(`    ${mb(module.bytes)} ${share(module.bytes)}  ${module.name}`);
	lines.push('  by constructor (retained):');
	for (const constructor of summary.byConstructor.slice(0, top)) {
		lines.push(`    ${mb(constructor.retained)} ${share(constructor.retained)}  ${constructor.name} ×${constructor.count.toLocaleString('en-US')} (self ${mb(constructor.self).trim()})`);
	}
	return lines.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '25' } } });
	if (!positionals[0]) throw new Error('usage: npx tsx bench/heap-summary.ts FILE.heapsnapshot [--top 25]');
	console.log(formatHeapSummary(await summarizeHeapSnapshot(positionals[0]), Number(values.top)));
}
