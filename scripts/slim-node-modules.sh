#!/usr/bin/env bash
# Removes from a production node_modules what the running bot never reads, to keep the Docker image
# small. The Dockerfile runs it in its build stage; the figure in docs/deploy.md was measured with it.
set -euo pipefail

usage() {
	cat <<'EOF'
Usage: scripts/slim-node-modules.sh NODE_MODULES_DIR

Deletes, inside NODE_MODULES_DIR (a `npm ci --omit=dev` tree):
  - source maps (*.map) and TypeScript declarations (*.d.ts, *.d.mts, *.d.cts, @types/*):
    the TypeScript hook erases types without reading declarations, and source maps stay off;
  - echarts except dist/echarts.js, its single-file build (core/ui/chart.ts requires "echarts", which
    resolves to that file), and zrender, which that file bundles;
  - test/, tests/ and __tests__/ folders at the root of a package;
  - Markdown files (READMEs, changelogs).
Prints the size before and after, in bytes.

Options:
  -h, --help   this text
EOF
}

program=slim-node-modules
die() {
	printf '%s: %s\n' "$program" "$1" >&2
	exit "${2:-1}"
}

case "${1:-}" in
	-h | --help)
		usage
		exit 0
		;;
	'') die "which node_modules? (see --help)" 2 ;;
esac
(($# == 1)) || die "one folder only (see --help)" 2
modules="$1"
[[ -d "$modules/echarts/dist" ]] || die "$modules does not look like Monster's node_modules (no echarts/dist)"

before="$(du -sb -- "$modules" | cut -f1)"

find "$modules" -type f \( -name '*.map' -o -name '*.d.ts' -o -name '*.d.mts' -o -name '*.d.cts' -o -iname '*.md' \) -delete
rm -rf -- "$modules/@types" "$modules/zrender"
# Package roots are node_modules/NAME and node_modules/@SCOPE/NAME ([!@] keeps a package named @scope/test).
for package_test in "$modules"/[!@]*/{test,tests,__tests__} "$modules"/@*/*/{test,tests,__tests__}; do
	if [[ -d "$package_test" ]]; then rm -rf -- "$package_test"; fi
done
find "$modules/echarts" -mindepth 1 -maxdepth 1 ! -name dist ! -name package.json ! -name LICENSE ! -name NOTICE -exec rm -rf -- {} +
# dist/package.json says "commonjs" (the package root says "module"): without it echarts.js loads empty.
find "$modules/echarts/dist" -mindepth 1 ! -name echarts.js ! -name package.json -exec rm -rf -- {} +

after="$(du -sb -- "$modules" | cut -f1)"
printf '%s: %s bytes -> %s bytes\n' "$program" "$before" "$after" >&2
