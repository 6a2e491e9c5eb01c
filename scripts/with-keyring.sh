#!/usr/bin/env bash
# Run a command with a working OS keychain.
#
#   bash scripts/with-keyring.sh npx vitest run test/main/vault
#
# - Not on Linux, or on Linux with a session bus whose Secret Service already stores and reads an
#   item: runs the command as is.
# - Otherwise: starts a private D-Bus session (dbus-run-session) with gnome-keyring-daemon serving
#   the Secret Service, with a throw-away, unlocked "login" keyring kept in a temporary folder (your
#   own keyrings are not touched), runs the command inside it, and cleans up afterwards.
#
# Needs on Linux: dbus (dbus-run-session), gnome-keyring; secret-tool (libsecret-tools) for the probe.
# The command's exit status is passed through.
set -euo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: $0 <command> [args...]" >&2
  exit 2
fi

if [ "$(uname -s)" != "Linux" ]; then
  exec "$@"
fi

# A probe: store, read back and clear a throw-away item. Succeeds only with an unlocked keyring.
keyring_works() {
  command -v secret-tool >/dev/null 2>&1 || return 1
  [ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ] || return 1
  local value="probe-$$-$RANDOM"
  printf '%s' "$value" | timeout 10 secret-tool store --label='Ballast keyring probe' ballast-probe "$$" >/dev/null 2>&1 || return 1
  local back
  back="$(timeout 10 secret-tool lookup ballast-probe "$$" 2>/dev/null)" || return 1
  timeout 10 secret-tool clear ballast-probe "$$" >/dev/null 2>&1 || true
  [ "$back" = "$value" ]
}

if [ "${BALLAST_IN_KEYRING_SESSION:-}" = "1" ] || keyring_works; then
  exec "$@"
fi

for tool in dbus-run-session gnome-keyring-daemon; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "with-keyring: '$tool' is missing; install the dbus and gnome-keyring packages. Running without a keyring." >&2
    exec "$@"
  fi
done

tmp="$(mktemp -d "${TMPDIR:-/tmp}/ballast-keyring.XXXXXX")"
cleanup() { rm -rf "$tmp"; }
trap cleanup EXIT INT TERM
mkdir -p "$tmp/data" "$tmp/runtime"
chmod 700 "$tmp/runtime"

status=0
# Inside the private bus: run the daemon in the foreground (so it can be stopped afterwards) with a
# fresh keyring folder, unlock (create) the login keyring with a throw-away password, wait until it
# serves org.freedesktop.secrets, run the command, then stop the daemon.
BALLAST_KEYRING_TMP="$tmp" dbus-run-session -- sh -c '
  t="$BALLAST_KEYRING_TMP"
  unset BALLAST_KEYRING_TMP
  printf "ballast-test-keyring" | env XDG_DATA_HOME="$t/data" XDG_CACHE_HOME="$t/cache" \
    XDG_CONFIG_HOME="$t/config" XDG_RUNTIME_DIR="$t/runtime" \
    gnome-keyring-daemon --foreground --unlock --components=secrets >"$t/vars" 2>"$t/daemon.log" &
  daemon=$!
  ready=0
  i=0
  while [ "$i" -lt 100 ]; do
    if dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
      org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q "boolean true"; then
      ready=1
      break
    fi
    kill -0 "$daemon" 2>/dev/null || break
    sleep 0.1
    i=$((i + 1))
  done
  if [ "$ready" != 1 ]; then
    echo "with-keyring: gnome-keyring-daemon did not start:" >&2
    cat "$t/daemon.log" >&2
    kill "$daemon" 2>/dev/null
    exit 1
  fi
  while IFS= read -r line; do
    case "$line" in GNOME_KEYRING_CONTROL=*) export "$line" ;; esac
  done <"$t/vars"
  export BALLAST_IN_KEYRING_SESSION=1
  # GLib (used by libsecret) keeps per-session files under XDG_RUNTIME_DIR, falling back to ~/.cache.
  [ -n "${XDG_RUNTIME_DIR:-}" ] || export XDG_RUNTIME_DIR="$t/runtime"
  code=0
  "$@" || code=$?
  kill "$daemon" 2>/dev/null
  wait "$daemon" 2>/dev/null
  exit "$code"
' with-keyring "$@" || status=$?
exit "$status"
