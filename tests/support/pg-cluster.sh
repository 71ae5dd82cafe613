#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the test suite (#12): never a mock, never the
# machine's own server.
#   tests/support/pg-cluster.sh start DIR   initdb + pg_ctl start; writes DIR/url
#   tests/support/pg-cluster.sh stop DIR    pg_ctl stop; removes the cluster
#   tests/support/pg-cluster.sh restart DIR [SECONDS]
#                                           stops the server, waits SECONDS (0), starts
#                                           it again on the same data and socket
# The cluster lives in a fresh folder under /tmp, runs as an unprivileged user (the
# invoking user, or 'postgres' - else 'nobody' - when run as root: PostgreSQL refuses
# root), listens on a Unix socket in that folder only (no TCP port to collide with),
# and trusts local connections: its superuser is 'facedesk_admin'. fsync is off: the
# tests stop and restart the server, they never pull the machine's plug.
# ctest starts and stops it as the 'postgres' fixture (tests/CMakeLists.txt).
#
# Environment (start only; restart reuses what start was given):
#   PG_FSYNC=off        on: PostgreSQL's durable default, for benchmarks that measure
#                       commits (tests/bench/bench_ingest.sh)
#   PG_SETTINGS=""      more server settings, "name=value name=value ..." (no spaces
#                       inside a value), each passed as -c name=value
#   PG_ROOT=/tmp        the folder the cluster's folder is made in (its socket path,
#                       ROOT/facedesk-pg.XXXXXX/.s.PGSQL.PORT, must stay under 107 bytes)
set -euo pipefail
action=${1:?start or stop}
state=${2:?a folder for the cluster\'s URL}

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
    echo "pg-cluster: the PostgreSQL server is not installed (Debian: apt-get install postgresql)" >&2
    exit 1
fi

owner=$(id -un)
if [ "$(id -u)" = 0 ]; then
    owner=nobody
    id postgres >/dev/null 2>&1 && owner=postgres
fi
as_owner() {
    if [ "$(id -u)" = 0 ]; then runuser -u "$owner" -- "$@"; else "$@"; fi
}

case "$action" in
start)
    mkdir -p "$state"
    if [ -f "$state/cluster" ]; then "$0" stop "$state" || true; fi
    cluster=$(mktemp -d "${PG_ROOT:-/tmp}/facedesk-pg.XXXXXX")
    chmod 755 "$cluster"
    [ "$(id -u)" = 0 ] && chown "$owner" "$cluster"
    # Any port number: it only names the socket file inside the private folder.
    port=$((20000 + RANDOM % 30000))
    as_owner "$bindir/initdb" -D "$cluster/data" -U facedesk_admin --auth=trust -E UTF8 --locale=C.UTF-8 >"$cluster/initdb.log" 2>&1 \
        || { cat "$cluster/initdb.log" >&2; exit 1; }
    options="-k $cluster -p $port -c listen_addresses='' -c fsync=${PG_FSYNC:-off} -c max_connections=300"
    for setting in ${PG_SETTINGS:-}; do
        options="$options -c $setting"
    done
    as_owner "$bindir/pg_ctl" -D "$cluster/data" -l "$cluster/server.log" -w -t 60 start -o "$options" >/dev/null \
        || { cat "$cluster/server.log" >&2; exit 1; }
    echo "$options" >"$state/options"
    echo "$cluster" >"$state/cluster"
    echo "$bindir" >"$state/bindir"
    echo "$owner" >"$state/owner"
    echo "postgresql://facedesk_admin@localhost:$port/postgres?host=$cluster" >"$state/url"
    echo "pg-cluster: started in $cluster (socket port $port, owner $owner)"
    ;;
stop)
    [ -f "$state/cluster" ] || exit 0
    cluster=$(cat "$state/cluster")
    as_owner "$bindir/pg_ctl" -D "$cluster/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$cluster"
    rm -f "$state/cluster" "$state/url" "$state/bindir" "$state/owner" "$state/options"
    echo "pg-cluster: stopped and removed $cluster"
    ;;
restart)
    cluster=$(cat "$state/cluster")
    as_owner "$bindir/pg_ctl" -D "$cluster/data" -m fast -w stop >/dev/null
    sleep "${3:-0}"
    as_owner "$bindir/pg_ctl" -D "$cluster/data" -l "$cluster/server.log" -w -t 60 start -o "$(cat "$state/options")" >/dev/null \
        || { cat "$cluster/server.log" >&2; exit 1; }
    echo "pg-cluster: restarted $cluster"
    ;;
*)
    echo "usage: $0 start|stop|restart DIR" >&2
    exit 2
    ;;
esac
