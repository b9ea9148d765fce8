#!/usr/bin/env bash
# Install the Debian packages Preuves needs, only those that are absent:
#   postgresql         the test suite runs on a throwaway PostgreSQL cluster too
#   chromium           browser tests drive /usr/bin/chromium (never a downloaded browser)
#   ffmpeg             video posters and web-playable copies
#   fonts-dejavu-core  a font for generated demo portraits and for headless Chromium
#   libpango-1.0-0     WeasyPrint lays out the PDF exports with Pango (libpangoft2-1.0-0 too)
# Runs `apt-get update` once, only if something is missing. Needs root, or sudo.
set -euo pipefail

log() { printf 'ensure-system-packages: %s\n' "$*" >&2; }

missing=()
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/ffmpeg ] || missing+=(ffmpeg)
if ! dpkg-query -W -f='${Status}' fonts-dejavu-core 2>/dev/null | grep -q 'install ok installed'; then
    missing+=(fonts-dejavu-core)
fi

for package in libpango-1.0-0 libpangoft2-1.0-0; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
        missing+=("$package")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    log "postgresql, chromium, ffmpeg, fonts-dejavu-core and Pango are present"
    exit 0
fi

if ! command -v apt-get >/dev/null; then
    log "missing: ${missing[*]}; apt-get is not available, install them with your system's package manager"
    exit 1
fi

if [ "$(id -u)" -eq 0 ]; then
    as_root=()
elif command -v sudo >/dev/null; then
    as_root=(sudo)
    log "not root: using sudo"
else
    log "missing: ${missing[*]}; run this as root (or install sudo):"
    log "  apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
    exit 1
fi

log "installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"

# Debian's postgresql package creates a "main" cluster and may start it. Preuves
# never uses it (tests start their own cluster); stop what this install started
# so nothing is left running behind the caller's back.
if [[ " ${missing[*]} " == *" postgresql "* ]] && command -v pg_lsclusters >/dev/null; then
    pg_lsclusters --no-header 2>/dev/null | while read -r ver name _port status _rest; do
        if [ "$status" = online ]; then
            log "stopping the cluster $ver/$name that the postgresql package started"
            "${as_root[@]}" pg_ctlcluster "$ver" "$name" stop || true
        fi
    done
fi
log "done"
