#!/usr/bin/env bash
# Usage: scripts/with-postgres.sh CMD [ARGS...]
#
# Runs CMD with a throwaway PostgreSQL cluster that this run owns: initdb in a
# temporary directory, server on 127.0.0.1 and a free port, trust auth, a
# database `preuves_test`. CMD sees
#   TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:PORT/preuves_test
# (and PGHOST, PGPORT, PGUSER, PGDATABASE for psql). The cluster is stopped and
# its directory removed when CMD ends, however it ends; CMD's exit code is ours.
#
# initdb refuses to run as root: as root the cluster runs as the `postgres` user
# (created by Debian's postgresql package); otherwise as the current user.
# PG_BINDIR overrides where initdb and pg_ctl are looked for.
set -euo pipefail

log() { printf 'with-postgres: %s\n' "$*" >&2; }

if [ $# -eq 0 ]; then
    echo "usage: $0 CMD [ARGS...]" >&2
    exit 2
fi

bindir=${PG_BINDIR:-}
if [ -z "$bindir" ]; then
    # The newest installed server version, e.g. /usr/lib/postgresql/15/bin.
    bindir=$(find /usr/lib/postgresql -mindepth 3 -maxdepth 3 -path '*/bin/initdb' 2>/dev/null \
        | sort -V | tail -n 1 | xargs -r dirname)
fi
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
    log "no PostgreSQL server found under /usr/lib/postgresql; run 'make system-deps'"
    exit 1
fi

if [ "$(id -u)" -eq 0 ]; then
    if ! id postgres >/dev/null 2>&1; then
        log "running as root but there is no 'postgres' user to run the server as"
        exit 1
    fi
    # From inside $dir: the caller's working directory may be closed to postgres.
    as_pg() { (cd "$dir" && runuser -u postgres -- "$@"); }
else
    as_pg() { "$@"; }
fi

if [ "$(id -u)" -eq 0 ]; then
    # /tmp rather than $TMPDIR: the postgres user must be able to reach it.
    dir=$(mktemp -d /tmp/preuves-pg.XXXXXX)
    chown postgres: "$dir"
else
    dir=$(mktemp -d "${TMPDIR:-/tmp}/preuves-pg.XXXXXX")
fi
chmod 700 "$dir"

started=
cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    if [ -n "$started" ]; then
        local pid
        pid=$(head -n 1 "$dir/data/postmaster.pid" 2>/dev/null || true)
        as_pg "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 \
            || log "pg_ctl stop failed"
        # pg_ctl returns once the pid file is gone; wait for the process to exit too
        # (a zombie waiting for init to reap it has exited).
        for _ in $(seq 50); do
            case $(ps -o stat= -p "${pid:-0}" 2>/dev/null) in
                "" | Z*) break ;;
            esac
            sleep 0.1
        done
    fi
    rm -rf "$dir"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

as_pg "$bindir/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --locale=C --no-sync \
    >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; log "initdb failed"; exit 1; }

# A free port can be taken between the probe and the server's bind: try a few.
for attempt in 1 2 3; do
    port=$(free_port)
    # Durability is pointless for a cluster deleted at the end of the run.
    if as_pg "$bindir/pg_ctl" -D "$dir/data" -l "$dir/log" -w -t 60 -o \
        "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        start >/dev/null; then
        started=1
        break
    fi
    log "server did not start on port $port (attempt $attempt)"
done
if [ -z "$started" ]; then
    cat "$dir/log" >&2 || true
    log "could not start PostgreSQL"
    exit 1
fi

"$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres preuves_test

export TEST_DATABASE_URL="postgresql://postgres@127.0.0.1:$port/preuves_test"
export PGHOST=127.0.0.1 PGPORT=$port PGUSER=postgres PGDATABASE=preuves_test
log "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (data in $dir)"

set +e
"$@"
rc=$?
set -e
exit "$rc"
