#!/usr/bin/env bash
# Backs up Monster: the database (pg_dump custom format, or the embedded PGlite data directory), a
# snapshot of the task queue's Redis, and .env, config/ and docker-compose.yml; then deletes backups
# older than the retention. Restore with scripts/restore.sh.
set -euo pipefail

usage() {
	cat <<'EOF'
Usage: scripts/backup.sh [--compose | --url DATABASE_URL | --embedded] [--redis-url URL | --no-redis]
                         [--dir DIR] [--retention DAYS] [--project-dir DIR]

Writes DIR/monster-YYYYMMDDTHHMMSSZ/ (mode 700), every file in it mode 600:
  database.dump          pg_dump, custom format (PostgreSQL)   or
  database.pglite.tar.gz the embedded database's data directory (PGlite, no DATABASE_URL)
  redis-dbN.rdb          snapshot of the task queue's Redis (redis-cli --rdb), when there is one;
                         N is the database number of its URL, whose keys restore.sh loads
  config.tar.gz          .env, config/ and docker-compose.yml (+ docker-compose.override.yml)
  SHA256SUMS             checksums, written last: a backup without it is incomplete
then deletes the monster-* backups of DIR older than the retention (by the time in their name).

Which database (first that applies):
  --compose         pg_dump inside the compose service "postgres", redis-cli inside "redis-queue"
  --url URL         the host's pg_dump against this URL, e.g. postgres://user:pass@host:5432/monster
  DATABASE_URL      same as --url when it is set in the environment
  --embedded        the PGlite data directory in DATA_DIR (default: data/ in the project); the bot
                    must be stopped (the database lock says so otherwise)
  (nothing)         --compose when docker compose is installed, else --embedded

Which Redis (not in compose mode): --redis-url URL, else REDIS_QUEUE_URL, else REDIS_URL from the
environment; none: no Redis snapshot. --no-redis skips it in every mode.

Options:
  --dir DIR           where backups go (env BACKUP_DIR; default: backups/ in the project)
  --retention DAYS    delete backups older than this (env BACKUP_RETENTION_DAYS; default 30; 0 keeps all)
  --project-dir DIR   where .env, config/ and docker-compose.yml are (default: this checkout)
  -h, --help          this text

Environment: COMPOSE (compose command; default "docker compose", or "docker-compose" if that is
what exists), POSTGRES_SERVICE (default postgres), REDIS_SERVICE (default redis-queue), DATA_DIR.
EOF
}

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
program=backup
# shellcheck source=scripts/lib/common.sh
source "$root/scripts/lib/common.sh"
mode=""
url=""
redis_url="${REDIS_QUEUE_URL:-${REDIS_URL:-}}"
with_redis=true
dir="${BACKUP_DIR:-$root/backups}"
retention="${BACKUP_RETENTION_DAYS:-30}"
project="$root"

while (($# > 0)); do
	case "$1" in
		--compose) mode=compose ;;
		--embedded) mode=embedded ;;
		--url | --redis-url | --dir | --retention | --project-dir)
			(($# >= 2)) || bad_usage "$1 needs a value"
			case "$1" in
				--url) mode=url url="$2" ;;
				--redis-url) redis_url="$2" ;;
				--dir) dir="$2" ;;
				--retention) retention="$2" ;;
				--project-dir) project="$2" ;;
			esac
			shift
			;;
		--no-redis) with_redis=false ;;
		-h | --help)
			usage
			exit 0
			;;
		*) bad_usage "unknown argument: $1" ;;
	esac
	shift
done

[[ "$retention" =~ ^[0-9]+$ ]] || bad_usage "--retention / BACKUP_RETENTION_DAYS must be a whole number of days (got \"$retention\")"
if [[ -z "$mode" ]]; then
	if [[ -n "${DATABASE_URL:-}" ]]; then
		mode=url url="$DATABASE_URL"
	elif (find_compose "") 2>/dev/null; then
		mode=compose
	else
		mode=embedded
	fi
fi
[[ "$mode" != url || "$url" =~ ^postgres(ql)?:// ]] || bad_usage "the database URL must start with postgres:// or postgresql://"
[[ "$mode" == compose || -z "$redis_url" || "$redis_url" =~ ^rediss?:// ]] || bad_usage "the Redis URL must start with redis:// or rediss://"
[[ -d "$project" ]] || die "no such project folder: $project"

postgres_service="${POSTGRES_SERVICE:-postgres}"
redis_service="${REDIS_SERVICE:-redis-queue}"
if [[ "$mode" == compose ]]; then
	find_compose "use --url DATABASE_URL (or --embedded) to back up without it"
	compose_in_project() { (cd "$project" && "${compose_cmd[@]}" "$@"); }
fi

umask 077 # backups hold the bot's data and secrets
mkdir -p -- "$dir"
name="monster-$(date -u +%Y%m%dT%H%M%SZ)"
target="$dir/$name"
[[ ! -e "$target" ]] || die "$target already exists (two backups in the same second?)"
partial="$dir/.$name.partial"
trap 'rm -rf -- "$partial"' EXIT
mkdir -- "$partial"

# --- Database ---------------------------------------------------------------------------------
case "$mode" in
	compose)
		note "dumping the database of compose service \"$postgres_service\""
		# POSTGRES_USER and POSTGRES_DB are the container's own variables (set in docker-compose.yml).
		# shellcheck disable=SC2016 # expanded by the container's shell, not here
		compose_in_project exec -T "$postgres_service" sh -c 'exec pg_dump --username="$POSTGRES_USER" --dbname="$POSTGRES_DB" --format=custom' >"$partial/database.dump"
		;;
	url)
		command -v pg_dump >/dev/null 2>&1 || die "pg_dump not found (Debian: apt-get install postgresql-client)"
		note "dumping the database at $(redact "$url")"
		pg_dump --dbname="$url" --format=custom --file="$partial/database.dump"
		;;
	embedded)
		data_dir="${DATA_DIR:-$project/data}"
		[[ -d "$data_dir/pglite" ]] || die "no embedded database in $data_dir/pglite (set DATA_DIR, or use --url / --compose)"
		note "dumping the embedded database in $data_dir"
		(cd "$root" && node --import ./core/runtime/typescript.mjs scripts/pglite-backup.ts dump "$data_dir" "$partial/database.pglite.tar.gz")
		;;
esac
# A dump cut short (disk full, connection lost) fails here, not on the day of the restore.
if [[ "$mode" == compose ]]; then
	compose_in_project exec -T "$postgres_service" pg_restore --list <"$partial/database.dump" >/dev/null ||
		die "the database dump is unreadable (pg_restore --list failed)"
elif [[ "$mode" == url ]]; then
	pg_restore --list "$partial/database.dump" >/dev/null || die "the database dump is unreadable (pg_restore --list failed)"
else
	# (PGlite's archive has absolute member names: GNU tar says so on stderr.)
	tar -tzf "$partial/database.pglite.tar.gz" >/dev/null 2>&1 || die "the embedded database's archive is unreadable"
fi

# --- Redis (the task queue) ---------------------------------------------------------------------
if [[ "$with_redis" == true ]]; then
	if [[ "$mode" == compose ]]; then
		note "snapshot of compose service \"$redis_service\""
		snapshot="$partial/redis-db0.rdb"
		compose_in_project exec -T "$redis_service" redis-cli --rdb - 2>/dev/null >"$snapshot" ||
			die "redis-cli --rdb failed in service \"$redis_service\" (is it running? docker compose ps)"
	elif [[ -n "$redis_url" ]]; then
		command -v redis-cli >/dev/null 2>&1 || die "redis-cli not found (Debian: apt-get install redis-tools), or add --no-redis"
		note "snapshot of the Redis at $(redact "$redis_url")"
		redis_db="$(sed -E 's#^[^/]*//[^/]*/?([0-9]*).*#\1#' <<<"$redis_url")"
		snapshot="$partial/redis-db${redis_db:-0}.rdb"
		redis-cli -u "$redis_url" --no-auth-warning --rdb "$snapshot" >/dev/null 2>&1 ||
			die "redis-cli --rdb failed against $(redact "$redis_url")"
	else
		note "no Redis (REDIS_QUEUE_URL and REDIS_URL unset): no Redis snapshot"
	fi
	if [[ -n "${snapshot:-}" ]]; then
		[[ "$(head -c 5 -- "$snapshot")" == REDIS ]] || die "the Redis snapshot is not an RDB file"
	fi
fi

# --- Configuration ------------------------------------------------------------------------------
config_files=()
for candidate in .env config docker-compose.yml docker-compose.override.yml; do
	if [[ -e "$project/$candidate" ]]; then config_files+=("$candidate"); fi
done
if ((${#config_files[@]} > 0)); then
	tar -czf "$partial/config.tar.gz" -C "$project" -- "${config_files[@]}"
else
	note "no .env, config/ or docker-compose.yml in $project: no configuration archive"
fi

(cd "$partial" && sha256sum -- * >SHA256SUMS)
chmod 600 -- "$partial"/*
chmod 700 -- "$partial"
mv -- "$partial" "$target"
note "wrote $target ($(du -sh -- "$target" | cut -f1): $(cd "$target" && echo *))"

# --- Retention ----------------------------------------------------------------------------------
if ((retention > 0)); then
	cutoff="$(date -u -d "-$retention days" +%Y%m%dT%H%M%SZ)"
	for old in "$dir"/monster-*; do
		stamp="${old##*/monster-}"
		stamp="${stamp%%.*}"
		# Only what this script names (the time in the name, not the file's mtime: copies keep it).
		[[ "$stamp" =~ ^[0-9]{8}T[0-9]{6}Z$ ]] || continue
		if [[ "$stamp" < "$cutoff" ]]; then
			rm -rf -- "$old"
			note "removed $old (older than $retention days)"
		fi
	done
fi
printf '%s\n' "$target"
