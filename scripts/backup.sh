#!/usr/bin/env bash
# Dumps Monster's PostgreSQL database to a timestamped, gzipped SQL file and keeps the newest N dumps.
# Works against the compose service "postgres" (pg_dump runs inside the container) or against any
# DATABASE_URL with the host's pg_dump. Restore with scripts/restore.sh.
set -euo pipefail

usage() {
	cat <<'EOF'
Usage: scripts/backup.sh [--compose | --url DATABASE_URL] [--dir DIR] [--keep N]

Writes DIR/monster-YYYYMMDDTHHMMSSZ.sql.gz (plain SQL, gzip) and then deletes all but the
newest N dumps of DIR.

Which database (first that applies):
  --compose         pg_dump inside the compose service "postgres" (docker compose exec)
  --url URL         pg_dump from this machine, e.g. postgres://user:pass@host:5432/monster
  DATABASE_URL      same as --url when it is set in the environment
  (nothing)         --compose

Options:
  --dir DIR         where dumps go (env BACKUP_DIR; default: backups/ at the project root)
  --keep N          how many dumps to keep (env BACKUP_KEEP; default 14; 0 keeps all)
  -h, --help        this text

Environment: COMPOSE (compose command; default "docker compose", or "docker-compose" if that is
what exists), POSTGRES_SERVICE (default postgres).
EOF
}

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
program=backup
# shellcheck source=scripts/lib/common.sh
source "$root/scripts/lib/common.sh"
mode=""
url=""
dir="${BACKUP_DIR:-$root/backups}"
keep="${BACKUP_KEEP:-14}"

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
		--keep)
			(($# >= 2)) || bad_usage "--keep needs a value"
			keep="$2"
			shift
			;;
		--keep=*) keep="${1#--keep=}" ;;
		-h | --help)
			usage
			exit 0
			;;
		*) bad_usage "unknown argument: $1" ;;
	esac
	shift
done

[[ "$keep" =~ ^[0-9]+$ ]] || bad_usage "--keep / BACKUP_KEEP must be a whole number (got \"$keep\")"
if [[ -z "$mode" ]]; then
	if [[ -n "${DATABASE_URL:-}" ]]; then
		mode=url
		url="$DATABASE_URL"
	else
		mode=compose
	fi
fi
[[ "$mode" != url || "$url" =~ ^postgres(ql)?:// ]] || bad_usage "the database URL must start with postgres:// or postgresql://"

dump_options=(--no-owner --no-privileges --clean --if-exists)
service="${POSTGRES_SERVICE:-postgres}"
if [[ "$mode" == compose ]]; then
	find_compose "use --url DATABASE_URL to dump with the host's pg_dump"
	cd "$root"
	target="compose service \"$service\""
	dump() {
		# POSTGRES_USER and POSTGRES_DB are the container's own variables (set in docker-compose.yml).
		# shellcheck disable=SC2016 # expanded by the container's shell, not here
		"${compose_cmd[@]}" exec -T "$service" sh -c 'exec pg_dump --username="$POSTGRES_USER" --dbname="$POSTGRES_DB" "$@"' pg_dump "${dump_options[@]}"
	}
else
	command -v pg_dump >/dev/null 2>&1 || die "pg_dump not found (Debian: apt-get install postgresql-client)"
	target="$(redact "$url")"
	dump() { pg_dump --dbname="$url" "${dump_options[@]}"; }
fi

umask 077 # dumps hold the bot's data
mkdir -p -- "$dir"
file="$dir/monster-$(date -u +%Y%m%dT%H%M%SZ).sql.gz"
[[ ! -e "$file" ]] || die "$file already exists (two backups in the same second?)"
partial="$file.partial"
trap 'rm -f -- "$partial"' EXIT

printf 'backup: dumping %s\n' "$target" >&2
dump | gzip -6 >"$partial"
gzip -t -- "$partial" || die "the compressed dump is corrupt"
last_lines="$(gzip -dc -- "$partial" | tail -n 5)"
grep -q 'PostgreSQL database dump complete' <<<"$last_lines" || die "the dump is incomplete (no end marker)"
mv -- "$partial" "$file"
printf 'backup: wrote %s (%s)\n' "$file" "$(du -h -- "$file" | cut -f1)" >&2

if ((keep > 0)); then
	mapfile -t dumps < <(find "$dir" -maxdepth 1 -type f -name 'monster-*.sql.gz' -printf '%f\n' | sort -r)
	for old in "${dumps[@]:keep}"; do
		rm -f -- "${dir:?}/$old"
		printf 'backup: removed old dump %s\n' "$old" >&2
	done
fi
printf '%s\n' "$file"
