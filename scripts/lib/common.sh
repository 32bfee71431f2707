# shellcheck shell=bash disable=SC2154,SC2034 # program is set, and compose_cmd used, by the sourcing script
# Shared by scripts/backup.sh, restore.sh and deploy.sh: messages, URL redaction, finding docker compose.
# The sourcing script sets `program` (its name in messages) and defines `usage`.

die() {
	printf '%s: %s\n' "$program" "$1" >&2
	exit "${2:-1}"
}

# A progress line on stderr (stdout carries only what the script outputs, e.g. the backup's path).
note() { printf '%s: %s\n' "$program" "$1" >&2; }

bad_usage() {
	printf '%s: %s\n\n' "$program" "$1" >&2
	usage >&2
	exit 2
}

# Shows a URL without its password.
redact() { sed -E 's#//([^:/@]*):[^@]*@#//\1:***@#' <<<"$1"; }

# Fills compose_cmd with the compose command to use ($COMPOSE, "docker compose" or docker-compose);
# $1 says what to do instead when there is none.
compose_cmd=()
find_compose() {
	if [[ -n "${COMPOSE:-}" ]]; then
		read -r -a compose_cmd <<<"$COMPOSE"
	elif command -v docker >/dev/null 2>&1 && docker compose version >/dev/null 2>&1; then
		compose_cmd=(docker compose)
	elif command -v docker-compose >/dev/null 2>&1; then
		compose_cmd=(docker-compose)
	else
		die "neither \"docker compose\" nor docker-compose found; $1"
	fi
}
