#!/usr/bin/env bash
# Restores a backup made by scripts/backup.sh, in whole or in part (--db, --redis, --config). Every
# part is checked before anything is touched; a database restore runs in one transaction.
set -euo pipefail

usage() {
	cat <<'EOF'
Usage: scripts/restore.sh [--db] [--redis] [--config] [--compose | --url DATABASE_URL | --embedded]
                          [--redis-url URL] [--dir DIR] [--project-dir DIR] [--yes] [BACKUP | latest]

Restores BACKUP (a monster-YYYYMMDDTHHMMSSZ folder made by scripts/backup.sh; default: the newest
in the backup folder). Without --db, --redis or --config, every part the backup holds.

Checked first, before anything changes (a failed check changes nothing): the checksums (SHA256SUMS),
then each part to restore: `pg_restore --list` of the database dump, `tar -tz` of the archives, the
RDB header of the Redis snapshot.

  --db       the database: pg_restore --clean --if-exists --single-transaction (on an error nothing
             changes); embedded mode: the PGlite data directory is replaced, the old one kept aside
  --redis    the task queue's Redis: its database is emptied, then the snapshot's keys are loaded
             with their TTLs (a throwaway redis-server reads the snapshot and MIGRATEs them)
  --config   .env, config/ and docker-compose.yml are extracted into the project folder; the current
             ones are first saved to DIR/pre-restore-<time>-config.tar.gz

Where to (first that applies): --compose (services "postgres" and "redis-queue"; the bot is stopped
during the restore and started again), --url URL and --redis-url URL (the host's pg_restore, and
redis-server + redis-cli), DATABASE_URL / REDIS_QUEUE_URL / REDIS_URL from the environment,
--embedded (DATA_DIR, default data/ in the project), or --compose when docker compose is installed.

Options:
  --yes, -y           do not ask for confirmation (needed when not run from a terminal)
  --dir DIR           where "latest" looks (env BACKUP_DIR; default: backups/ in the project)
  --project-dir DIR   where --config restores to (default: this checkout)
  -h, --help          this text

Environment: COMPOSE, POSTGRES_SERVICE (default postgres), REDIS_SERVICE (default redis-queue),
BOT_SERVICE (default bot), DATA_DIR.
EOF
}

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
program=restore
# shellcheck source=scripts/lib/common.sh
source "$root/scripts/lib/common.sh"
mode=""
url=""
redis_url="${REDIS_QUEUE_URL:-${REDIS_URL:-}}"
redis_url_given=false
yes=false
backup=""
dir="${BACKUP_DIR:-$root/backups}"
project="$root"
parts=()

while (($# > 0)); do
	case "$1" in
		--db | --redis | --config) parts+=("${1#--}") ;;
		--compose) mode=compose ;;
		--embedded) mode=embedded ;;
		--url | --redis-url | --dir | --project-dir)
			(($# >= 2)) || bad_usage "$1 needs a value"
			case "$1" in
				--url) mode=url url="$2" ;;
				--redis-url) redis_url="$2" redis_url_given=true ;;
				--dir) dir="$2" ;;
				--project-dir) project="$2" ;;
			esac
			shift
			;;
		-y | --yes) yes=true ;;
		-h | --help)
			usage
			exit 0
			;;
		-*) bad_usage "unknown option: $1" ;;
		*)
			[[ -z "$backup" ]] || bad_usage "only one backup, got \"$backup\" and \"$1\""
			backup="$1"
			;;
	esac
	shift
done

if [[ -z "$mode" ]]; then
	if [[ -n "${DATABASE_URL:-}" ]]; then
		mode=url url="$DATABASE_URL"
	elif [[ "$redis_url_given" == true ]]; then
		mode=url # a URL says where: not compose
	elif (find_compose "") 2>/dev/null; then
		mode=compose
	else
		mode=embedded
	fi
fi
[[ "$mode" != url || -z "$url" || "$url" =~ ^postgres(ql)?:// ]] || bad_usage "the database URL must start with postgres:// or postgresql://"

if [[ -z "$backup" || "$backup" == latest ]]; then
	newest="$(find "$dir" -mindepth 1 -maxdepth 1 -type d -name 'monster-*' -printf '%f\n' 2>/dev/null | sort -r | head -n 1)"
	[[ -n "$newest" ]] || die "no monster-* backup in $dir"
	backup="$dir/$newest"
fi
[[ -d "$backup" ]] || die "no such backup folder: $backup"
backup="$(cd "$backup" && pwd)"
snapshot="$(find "$backup" -maxdepth 1 -name 'redis-db*.rdb' -printf '%f\n' | head -n 1)"

has() {
	case "$1" in
		db) [[ -f "$backup/database.dump" || -f "$backup/database.pglite.tar.gz" ]] ;;
		redis) [[ -n "$snapshot" ]] ;;
		config) [[ -f "$backup/config.tar.gz" ]] ;;
	esac
}
if ((${#parts[@]} == 0)); then
	for part in db redis config; do
		if has "$part"; then parts+=("$part"); fi
	done
	((${#parts[@]} > 0)) || die "$backup holds nothing to restore"
fi
wants() { [[ " ${parts[*]} " == *" $1 "* ]]; }
for part in "${parts[@]}"; do
	has "$part" || die "$backup has no $part part (it holds: $(cd "$backup" && echo *))"
done

postgres_service="${POSTGRES_SERVICE:-postgres}"
redis_service="${REDIS_SERVICE:-redis-queue}"
bot="${BOT_SERVICE:-bot}"
if [[ "$mode" == compose ]]; then
	find_compose "use --url / --redis-url (or --embedded) to restore without it"
	compose_in_project() { (cd "$project" && "${compose_cmd[@]}" "$@"); }
fi

# --- Checks: nothing is touched before all pass ---------------------------------------------------
[[ -f "$backup/SHA256SUMS" ]] || die "$backup has no SHA256SUMS: the backup did not finish"
(cd "$backup" && sha256sum --check --quiet --strict SHA256SUMS >/dev/null 2>&1) ||
	die "$backup is damaged: $(cd "$backup" && sha256sum --check --quiet SHA256SUMS 2>&1 | head -n 3 | tr '\n' ' ')"
if wants db; then
	if [[ "$mode" == embedded ]]; then
		[[ -f "$backup/database.pglite.tar.gz" ]] || die "$backup holds a PostgreSQL dump, not an embedded database: use --url or --compose"
		tar -tzf "$backup/database.pglite.tar.gz" 2>/dev/null | grep -q 'PG_VERSION$' || die "$backup/database.pglite.tar.gz is not a PGlite data directory"
	else
		[[ -f "$backup/database.dump" ]] || die "$backup holds an embedded database, not a PostgreSQL dump: use --embedded"
		[[ "$mode" != url || -n "$url" ]] || die "which database? add --url DATABASE_URL (or leave out --db)"
		if [[ "$mode" == compose ]]; then
			compose_in_project exec -T "$postgres_service" pg_restore --list <"$backup/database.dump" >/dev/null 2>&1 ||
				die "$backup/database.dump is not a readable pg_dump archive"
		else
			command -v pg_restore >/dev/null 2>&1 || die "pg_restore not found (Debian: apt-get install postgresql-client)"
			pg_restore --list "$backup/database.dump" >/dev/null 2>&1 || die "$backup/database.dump is not a readable pg_dump archive"
		fi
	fi
fi
if wants redis; then
	[[ "$(head -c 5 -- "$backup/$snapshot")" == REDIS ]] || die "$backup/$snapshot is not an RDB file"
	if [[ "$mode" != compose ]]; then
		[[ "$redis_url" =~ ^redis://(([^:@/]*)(:([^@/]*))?@)?([^:/?]+)(:([0-9]+))?(/([0-9]+))?$ ]] ||
			die "--redis needs the Redis to load into: --redis-url redis://[:password@]host[:port][/db] (rediss:// is not supported here)"
		redis_password="${BASH_REMATCH[4]}" redis_host="${BASH_REMATCH[5]}" redis_port="${BASH_REMATCH[7]:-6379}" redis_db="${BASH_REMATCH[9]:-0}"
		{ command -v redis-server && command -v redis-cli; } >/dev/null 2>&1 ||
			die "redis-server and redis-cli are needed on this host (Debian: apt-get install redis-server)"
	fi
fi
if wants config; then
	tar -tzf "$backup/config.tar.gz" >/dev/null 2>&1 || die "$backup/config.tar.gz is not a readable tar.gz archive"
fi

# --- Confirmation ---------------------------------------------------------------------------------
case "$mode" in
	compose) where="compose services of $project" ;;
	url) where="$(redact "$url")" ;;
	embedded) where="the embedded database in ${DATA_DIR:-$project/data}" ;;
esac
note "backup $backup (checked)"
if wants redis && [[ "$mode" != compose ]]; then where+=", $(redact "$redis_url")"; fi
note "will restore: ${parts[*]}; into: $where"
wants db && note "the database's tables, functions and views will be REPLACED by the backup's"
wants redis && note "the task queue's Redis database will be EMPTIED, then filled from the snapshot"
wants config && note ".env, config/ and docker-compose.yml in $project will be overwritten"
if [[ "$yes" != true ]]; then
	[[ -t 0 ]] || die "not a terminal: add --yes to restore without confirmation"
	read -r -p 'Type "restore" to go on: ' answer
	[[ "$answer" == restore ]] || die "cancelled"
fi

# --- Restore --------------------------------------------------------------------------------------
umask 077
restart_bot=false
if [[ "$mode" == compose ]] && { wants db || wants redis; }; then
	running="$(compose_in_project ps --services --filter status=running 2>/dev/null || true)"
	if grep -qx -- "$bot" <<<"$running"; then
		note "stopping $bot during the restore"
		compose_in_project stop "$bot"
		restart_bot=true
	fi
elif [[ "$mode" == url ]]; then
	note "stop the bot first if it uses this database (it is not stopped for you with --url)"
fi
failures=()

if wants config; then
	mkdir -p -- "$dir"
	saved="$dir/pre-restore-$(date -u +%Y%m%dT%H%M%SZ)-config.tar.gz"
	current=()
	for candidate in .env config docker-compose.yml docker-compose.override.yml; do
		if [[ -e "$project/$candidate" ]]; then current+=("$candidate"); fi
	done
	if ((${#current[@]} > 0)); then
		tar -czf "$saved" -C "$project" -- "${current[@]}"
		note "current configuration saved to $saved"
	fi
	# -p: the modes as saved, not narrowed by the umask (the containers read config/ as other users).
	if tar -xpzf "$backup/config.tar.gz" -C "$project"; then note "configuration restored"; else failures+=(config); fi
fi

if wants db; then
	restore_options=(--clean --if-exists --no-owner --no-privileges --single-transaction --exit-on-error)
	case "$mode" in
		compose)
			# shellcheck disable=SC2016 # expanded by the container's shell, not here
			compose_in_project exec -T "$postgres_service" sh -c 'exec pg_restore --username="$POSTGRES_USER" --dbname="$POSTGRES_DB" "$@"' pg_restore "${restore_options[@]}" <"$backup/database.dump" ||
				failures+=(database)
			;;
		url) pg_restore --dbname="$url" "${restore_options[@]}" "$backup/database.dump" || failures+=(database) ;;
		embedded) (cd "$root" && node --import ./core/runtime/typescript.mjs scripts/pglite-backup.ts restore "$backup/database.pglite.tar.gz" "${DATA_DIR:-$project/data}") || failures+=(database) ;;
	esac
	if [[ " ${failures[*]} " == *" database "* ]]; then
		note "the database restore failed: it ran in one transaction, so the database is unchanged"
	else
		note "database restored"
	fi
fi

if wants redis; then
	source_db="${snapshot#redis-db}"
	source_db="${source_db%.rdb}"
	if [[ "$mode" == compose ]]; then
		compose_in_project run --rm --no-deps -T --entrypoint sh "$redis_service" -c "$(cat "$root/scripts/lib/redis-load-rdb.sh")" \
			redis-load-rdb "$redis_service" 6379 0 "" "$source_db" <"$backup/$snapshot" || failures+=(redis)
	else
		sh "$root/scripts/lib/redis-load-rdb.sh" "$redis_host" "$redis_port" "$redis_db" "$redis_password" "$source_db" <"$backup/$snapshot" ||
			failures+=(redis)
	fi
	if [[ " ${failures[*]} " == *" redis "* ]]; then note "the Redis restore failed"; else note "Redis restored"; fi
fi

if [[ "$restart_bot" == true ]]; then
	note "starting $bot again"
	compose_in_project start "$bot"
fi
((${#failures[@]} == 0)) || die "failed: ${failures[*]} (see above)"
note "done"
