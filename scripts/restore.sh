#!/usr/bin/env bash
# Restores a dump made by scripts/backup.sh into Monster's PostgreSQL database, in one transaction:
# every object in the dump is dropped and recreated (objects created after the dump are left alone).
set -euo pipefail

usage() {
	cat <<'EOF'
Usage: scripts/restore.sh [--compose | --url DATABASE_URL] [--yes] DUMP.sql.gz | latest

Restores DUMP (or the newest dump in the backup folder with "latest") into the database. The
objects in the dump replace the current ones, in a single transaction: on any error nothing changes.
In compose mode the bot service is stopped during the restore and started again afterwards.

Which database (first that applies):
  --compose         psql inside the compose service "postgres" (docker compose exec)
  --url URL         psql from this machine, e.g. postgres://user:pass@host:5432/monster
  DATABASE_URL      same as --url when it is set in the environment
  (nothing)         --compose

Options:
  --yes, -y         do not ask for confirmation (needed when not run from a terminal)
  --dir DIR         where "latest" looks (env BACKUP_DIR; default: backups/ at the project root)
  -h, --help        this text

Environment: COMPOSE (compose command; default "docker compose", or "docker-compose" if that is
what exists), POSTGRES_SERVICE (default postgres), BOT_SERVICE (default bot).
EOF
}

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
program=restore
# shellcheck source=scripts/lib/common.sh
source "$root/scripts/lib/common.sh"
mode=""
url=""
yes=false
dump=""
dir="${BACKUP_DIR:-$root/backups}"

while (($# > 0)); do
	case "$1" in
		--compose) mode=compose ;;
		--url)
			(($# >= 2)) || bad_usage "--url needs a value"
			mode=url
			url="$2"
			shift
			;;
		--url=*) mode=url url="${1#--url=}" ;;
		--dir)
			(($# >= 2)) || bad_usage "--dir needs a value"
			dir="$2"
			shift
			;;
		--dir=*) dir="${1#--dir=}" ;;
		-y | --yes) yes=true ;;
		-h | --help)
			usage
			exit 0
			;;
		-*) bad_usage "unknown option: $1" ;;
		*)
			[[ -z "$dump" ]] || bad_usage "only one dump file, got \"$dump\" and \"$1\""
			dump="$1"
			;;
	esac
	shift
done

[[ -n "$dump" ]] || bad_usage "which dump? give a file made by scripts/backup.sh, or \"latest\""
if [[ -z "$mode" ]]; then
	if [[ -n "${DATABASE_URL:-}" ]]; then
		mode=url
		url="$DATABASE_URL"
	else
		mode=compose
	fi
fi
[[ "$mode" != url || "$url" =~ ^postgres(ql)?:// ]] || bad_usage "the database URL must start with postgres:// or postgresql://"

if [[ "$dump" == latest ]]; then
	newest="$(find "$dir" -maxdepth 1 -type f -name 'monster-*.sql.gz' -printf '%f\n' 2>/dev/null | sort -r | head -n 1)"
	[[ -n "$newest" ]] || die "no monster-*.sql.gz dump in $dir"
	dump="$dir/$newest"
fi
[[ -f "$dump" ]] || die "no such file: $dump"
gzip -t -- "$dump" 2>/dev/null || die "$dump is not a valid gzip file"
# (head closes the pipe early: its SIGPIPE is expected, hence `|| true`; captured text avoids grep -q races.)
first_lines="$(gzip -dc -- "$dump" | head -n 5 || true)"
last_lines="$(gzip -dc -- "$dump" | tail -n 5)"
grep -q 'PostgreSQL database dump' <<<"$first_lines" || die "$dump is not a PostgreSQL dump"
grep -q 'PostgreSQL database dump complete' <<<"$last_lines" || die "$dump is incomplete (no end marker)"

psql_options=(--no-psqlrc --quiet --single-transaction -v ON_ERROR_STOP=1 --output=/dev/null
	--command='SET client_min_messages = warning' --file=-)
service="${POSTGRES_SERVICE:-postgres}"
bot="${BOT_SERVICE:-bot}"
if [[ "$mode" == compose ]]; then
	find_compose "use --url DATABASE_URL to restore with the host's psql"
	cd "$root"
	target="compose service \"$service\""
	run_psql() {
		# shellcheck disable=SC2016 # expanded by the container's shell, not here
		"${compose_cmd[@]}" exec -T "$service" sh -c 'exec psql --username="$POSTGRES_USER" --dbname="$POSTGRES_DB" "$@"' psql "${psql_options[@]}"
	}
else
	command -v psql >/dev/null 2>&1 || die "psql not found (Debian: apt-get install postgresql-client)"
	target="$(redact "$url")"
	run_psql() { psql --dbname="$url" "${psql_options[@]}"; }
fi

printf 'restore: %s\n     into %s\n' "$dump" "$target" >&2
printf 'restore: every table, function and view in the dump will be REPLACED by its content.\n' >&2
if [[ "$yes" != true ]]; then
	[[ -t 0 ]] || die "not a terminal: add --yes to restore without confirmation"
	read -r -p 'Type "restore" to go on: ' answer
	[[ "$answer" == restore ]] || die "cancelled"
fi

restart_bot=false
if [[ "$mode" == compose ]]; then
	running="$("${compose_cmd[@]}" ps --services --filter status=running 2>/dev/null || true)"
	if grep -qx -- "$bot" <<<"$running"; then
		printf 'restore: stopping %s during the restore\n' "$bot" >&2
		"${compose_cmd[@]}" stop "$bot"
		restart_bot=true
	fi
else
	printf 'restore: stop the bot first if it uses this database (it is not stopped for you with --url)\n' >&2
fi

status=0
gzip -dc -- "$dump" | run_psql || status=$?

if [[ "$restart_bot" == true ]]; then
	printf 'restore: starting %s again\n' "$bot" >&2
	"${compose_cmd[@]}" start "$bot"
fi
((status == 0)) || die "psql failed (exit $status): the transaction was rolled back, the database is unchanged" "$status"
printf 'restore: done\n' >&2
