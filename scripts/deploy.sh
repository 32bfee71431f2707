#!/usr/bin/env bash
# Deploys Monster with Docker Compose: preflight checks, build, start, wait for the health checks,
# migrations, and a green / yellow / red summary. Exits non-zero on any failed step.
set -euo pipefail

usage() {
	cat <<'EOF'
Usage: scripts/deploy.sh [--dry-run] [--env-file FILE] [--timeout SECONDS] [--monitoring] [--proxy]

Preflight (all before anything changes):
  .env present, mode 600, every variable valid for the bot (the bot's own zod schema, through
  scripts/check-env.ts) and for docker-compose.yml (DISCORD_TOKEN, DISCORD_GUILD_IDS, POSTGRES_PASSWORD);
  Docker 20.10+ and Compose present; the API port (MONSTER_API_PORT, default 5000) free or already ours.
Then: build the bot's image, `up -d --remove-orphans`, wait until every service is healthy, apply migrations, summary.

Options:
  --dry-run           run the preflight and print the plan; change nothing
  --env-file FILE     the environment file (default: .env at the project root)
  --timeout SECONDS   how long to wait for the health checks (default 180)
  --monitoring        also start Prometheus and Grafana (compose profile "monitoring")
  --proxy             also start Caddy, HTTPS for MONSTER_DOMAIN in front of the API (profile "proxy")
  -h, --help          this text

Environment: COMPOSE (compose command; default "docker compose", or "docker-compose" if that is
what exists), NO_COLOR (plain output).
Exit codes: 0 deployed (or dry run without red), 1 a step failed, 2 bad usage.
EOF
}

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
program=deploy
# shellcheck source=scripts/lib/common.sh
source "$root/scripts/lib/common.sh"
dry_run=false
env_file="$root/.env"
timeout=180
profiles=()

while (($# > 0)); do
	case "$1" in
		--dry-run) dry_run=true ;;
		--env-file)
			(($# >= 2)) || bad_usage "--env-file needs a value"
			env_file="$2"
			shift
			;;
		--env-file=*) env_file="${1#--env-file=}" ;;
		--timeout)
			(($# >= 2)) || bad_usage "--timeout needs a value"
			timeout="$2"
			shift
			;;
		--timeout=*) timeout="${1#--timeout=}" ;;
		--monitoring) profiles+=(--profile monitoring) ;;
		--proxy) profiles+=(--profile proxy) ;;
		-h | --help)
			usage
			exit 0
			;;
		*) bad_usage "unknown argument: $1" ;;
	esac
	shift
done
[[ "$timeout" =~ ^[0-9]+$ ]] || bad_usage "--timeout takes a number of seconds"

if [[ -t 1 && -z "${NO_COLOR:-}" ]]; then
	green=$'\e[32m' yellow=$'\e[33m' red=$'\e[31m' plain=$'\e[0m'
else
	green='' yellow='' red='' plain=''
fi
summary=()
failed=false
ok() { summary+=("${green}✔ $1${plain}"); }
warn() { summary+=("${yellow}! $1${plain}"); }
fail() {
	summary+=("${red}✘ $1${plain}")
	failed=true
}
print_summary() {
	printf '%s\n' "${summary[@]}"
}
# Stops after a failed step with the summary so far.
stop_if_failed() {
	if [[ "$failed" == true ]]; then
		print_summary
		printf '%s: %s\n' "$program" "$1" >&2
		exit 1
	fi
}

# A value of the env file, as compose reads it (last assignment wins; quotes removed).
env_value() {
	local line
	[[ -f "$env_file" ]] || return 0
	line="$(grep -E "^[[:space:]]*$1=" "$env_file" | tail -n 1 || true)"
	line="${line#*=}"
	line="${line%\"}"
	line="${line#\"}"
	printf '%s' "$line"
}

# --- Preflight ---------------------------------------------------------------------------------
if [[ ! -f "$env_file" ]]; then
	fail "$env_file: not found (cp .env.example .env, fill it in, chmod 600 .env)"
else
	mode="$(stat -c %a "$env_file" 2>/dev/null || stat -f %Lp "$env_file")"
	if [[ "$mode" == 600 || "$mode" == 400 ]]; then
		ok "$env_file is readable only by its owner ($mode)"
	else
		fail "$env_file has mode $mode: it holds secrets, run chmod 600 $env_file"
	fi
	if command -v node >/dev/null 2>&1 && [[ -d "$root/node_modules/tsx" ]]; then
		if problems="$(cd "$root" && node --import ./core/runtime/typescript.mjs scripts/check-env.ts "$env_file")"; then
			ok "$env_file: every variable valid"
		else
			while IFS= read -r problem; do fail "$env_file: $problem"; done <<<"$problems"
		fi
	else
		warn "$env_file: not checked here (no Node.js with the project's packages); the bot checks it at start"
	fi
fi

compose_ok=false
if ! command -v docker >/dev/null 2>&1; then
	fail "Docker not found: install Docker Engine 20.10 or later (https://docs.docker.com/engine/install/)"
else
	docker_version="$(docker version --format '{{.Client.Version}}' 2>/dev/null || true)"
	if [[ "$docker_version" =~ ^([0-9]+)\.([0-9]+) ]] && ((BASH_REMATCH[1] > 20 || (BASH_REMATCH[1] == 20 && BASH_REMATCH[2] >= 10))); then
		ok "Docker $docker_version"
	else
		fail "Docker ${docker_version:-of unknown version}: 20.10 or later is needed"
	fi
	if (find_compose "install the Compose plugin") 2>/dev/null; then
		find_compose "install the Compose plugin"
		compose_version="$("${compose_cmd[@]}" version --short 2>/dev/null || "${compose_cmd[@]}" version 2>/dev/null | head -n 1)"
		ok "Compose ${compose_version} (${compose_cmd[*]})"
		compose_ok=true
	else
		fail "Docker Compose not found: install the Compose plugin (docker compose) or docker-compose"
	fi
fi

api_port="$(env_value MONSTER_API_PORT)"
api_port="${api_port:-5000}"
if command -v ss >/dev/null 2>&1 && ss -ltnH "sport = :$api_port" 2>/dev/null | grep -q .; then
	running_bot=""
	if [[ "$compose_ok" == true ]]; then
		running_bot="$("${compose_cmd[@]}" --env-file "$env_file" ps -q bot 2>/dev/null || true)"
	fi
	if [[ -n "$running_bot" ]]; then
		ok "port $api_port is held by Monster's running bot (it is replaced)"
	else
		fail "port $api_port is taken by another program (ss -ltnp 'sport = :$api_port'); set MONSTER_API_PORT in $env_file"
	fi
else
	ok "port $api_port is free"
fi

plan=(
	"build the bot's image (${compose_cmd[*]:-docker compose} build bot)"
	"start the services (up -d --remove-orphans${profiles[*]:+ ${profiles[*]}})"
	"wait up to ${timeout}s for every health check"
	"apply migrations (scripts/migrate.ts in the bot's container)"
)
if [[ "$dry_run" == true ]]; then
	print_summary
	printf '\nPlan (dry run: nothing was changed):\n'
	printf '  %d. %s\n' 1 "${plan[0]}" 2 "${plan[1]}" 3 "${plan[2]}" 4 "${plan[3]}"
	[[ "$failed" == true ]] && exit 1
	exit 0
fi
stop_if_failed "preflight failed: nothing was changed"

# --- Deploy ------------------------------------------------------------------------------------
cd "$root"
compose=("${compose_cmd[@]}" --env-file "$env_file" "${profiles[@]}")
if "${compose[@]}" build bot; then ok "image built"; else fail "image build failed (see above)"; fi
stop_if_failed "build failed: the running bot, if any, was left as it was"
# --remove-orphans: a service renamed or removed between versions (e.g. the single "redis", now
# redis-cache and redis-queue) must not keep running beside its successor on the same volume.
if "${compose[@]}" up -d --remove-orphans; then ok "services started"; else fail "docker compose up failed (see above)"; fi
stop_if_failed "start failed"

deadline=$((SECONDS + timeout))
unhealthy=()
while :; do
	unhealthy=()
	for container in $("${compose[@]}" ps -q); do
		state="$(docker inspect --format '{{.Name}} {{if .State.Health}}{{.State.Health.Status}}{{else}}{{.State.Status}}{{end}}' "$container")"
		[[ "$state" == *" healthy" || "$state" == *" running" ]] || unhealthy+=("${state#/}")
	done
	((${#unhealthy[@]} == 0)) && break
	((SECONDS >= deadline)) && break
	sleep 3
done
if ((${#unhealthy[@]} == 0)); then
	ok "every service is healthy"
else
	fail "not healthy after ${timeout}s: ${unhealthy[*]} (docker compose logs bot; docs/troubleshooting.md)"
fi
stop_if_failed "the services did not become healthy"

if "${compose[@]}" exec -T bot node --import ./core/runtime/typescript.mjs scripts/migrate.ts >/dev/null; then
	ok "migrations applied"
else
	fail "migrations failed (docker compose exec bot node --import ./core/runtime/typescript.mjs scripts/migrate.ts)"
fi
stop_if_failed "migrations failed"

ok "API: http://127.0.0.1:$api_port/api/health"
if [[ " ${profiles[*]} " == *" monitoring "* ]]; then
	grafana_port="$(env_value GRAFANA_PORT)"
	ok "Grafana: http://127.0.0.1:${grafana_port:-3000} (user admin)"
fi
if [[ " ${profiles[*]} " == *" proxy "* ]]; then
	domain="$(env_value MONSTER_DOMAIN)"
	ok "API through Caddy: https://${domain:-localhost}/api/health"
fi
print_summary
