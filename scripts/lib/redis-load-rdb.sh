#!/bin/sh
# Loads an RDB snapshot (standard input) into a running Redis, for scripts/restore.sh: a throwaway
# redis-server reads the file, the target database is emptied, then MIGRATE copies every key of the
# snapshot's database SOURCE_DB (default: DB), with its TTL, into database DB of the target. POSIX sh: restore.sh also runs it inside the redis
# image (docker compose run), whose redis-server and redis-cli it uses.
#   sh redis-load-rdb.sh HOST PORT DB [PASSWORD [SOURCE_DB]] < redis.rdb
set -eu

host="$1" port="$2" db="$3" password="${4:-}" source_db="${5:-$3}"
work="$(mktemp -d)"
socket="$work/redis.sock"
trap 'redis-cli -s "$socket" shutdown nosave >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
cat >"$work/dump.rdb"

redis-server --port 0 --unixsocket "$socket" --dir "$work" --dbfilename dump.rdb --appendonly no --save '' \
	--daemonize yes --logfile "$work/redis.log"
tries=0
until [ "$(redis-cli -s "$socket" ping 2>/dev/null)" = PONG ]; do
	tries=$((tries + 1))
	if [ "$tries" -gt 300 ]; then
		echo "the snapshot did not load within 60 s:" >&2
		tail -n 5 "$work/redis.log" >&2
		exit 1
	fi
	sleep 0.2
done

set -- -h "$host" -p "$port" -n "$db"
[ -z "$password" ] || set -- "$@" -a "$password" --no-auth-warning
[ "$(redis-cli "$@" flushdb)" = OK ] || {
	echo "could not empty database $db of $host:$port" >&2
	exit 1
}
# One MIGRATE per 100 keys; keys are read one per line (Monster's keys hold no newline).
# shellcheck disable=SC2016 # the inner script expands its own arguments
redis-cli -s "$socket" -n "$source_db" --scan |
	xargs -r -d '\n' -n 100 sh -c '
		socket="$1" source_db="$2" host="$3" port="$4" db="$5" password="$6"
		shift 6
		if [ -n "$password" ]; then set -- auth "$password" keys "$@"; else set -- keys "$@"; fi
		answer="$(redis-cli -s "$socket" -n "$source_db" migrate "$host" "$port" "" "$db" 60000 replace "$@" 2>&1)"
		[ "$answer" = OK ] || { echo "MIGRATE failed: $answer" >&2; exit 255; }
	' sh "$socket" "$source_db" "$host" "$port" "$db" "$password"
echo "$(redis-cli "$@" dbsize) keys in database $db of $host:$port" >&2
