# Sourced by bench_ingest.sh and bench_collectors.sh: the PostgreSQL settings both
# measure with (so that a collectors row and an ingest row compare like with like) and
# their psql call. PostgreSQL's defaults plus what its documentation recommends for a
# write-heavy server: shared_buffers a quarter of the RAM (at most 1 GB), a larger WAL
# buffer, checkpoints far apart; synchronous_commit stays on (an event is acknowledged
# only after its commit is on disk).
SHARED_BUFFERS_MB=$(awk '/^MemTotal:/ { m = int($2 / 4 / 1024); print (m > 1024 ? 1024 : m) }' /proc/meminfo)
PG_SETTINGS=${PG_SETTINGS:-"shared_buffers=${SHARED_BUFFERS_MB}MB wal_buffers=16MB max_wal_size=4GB checkpoint_timeout=15min synchronous_commit=on"}

# psql without ~/.psqlrc, unaligned, tuples only, stopping at the first error.
pg_sql() { psql -X -A -t -q -v ON_ERROR_STOP=1 -d "$1" -c "$2"; }
