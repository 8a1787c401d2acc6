#!/usr/bin/env bash
# A benchmark mode of bench/Exchange.Benchmarks with the gateway on PostgreSQL (cases, access log, identity):
#
#   bash bench/on-postgres.sh two-node [seconds=20] [connections per node=16]
#       two gateway nodes on one database, both appending to one access log (the advisory-lock sequencer), driven at
#       once by one wrk each on the information request (issue 16, docs/scaling.md)
#   bash bench/on-postgres.sh wrk [seconds=10] [connections=8,32,64]
#       the request path beside bare Kestrel, as on SQLite
#   bash bench/on-postgres.sh append [entries=200000] [rounds=5]
#       the access log's sequencer alone (bench/Audit.Benchmarks): durable appends per second against plain INSERTs
#       of the same rows, as its append mode measures them on SQLite
#
# AVZ_BENCH_DELAY=<seconds> puts bench/delay-proxy.py between the benchmark and the server, holding every chunk that
# long each way (a network; below 1 ms it comes out at about 1 ms each way, so a trip of about 2.5 ms): the round trip it
# gives is printed first.
#
# Needs PostgreSQL's server binaries (/usr/lib/postgresql/*/bin) and wrk (apt-get install postgresql wrk). Starts a
# throwaway PostgreSQL server on a free loopback port in a temporary folder (as the postgres user when run as root,
# since initdb refuses root), runs the benchmark against it, then stops and removes it.
set -euo pipefail

if [[ $# -lt 1 ]]; then
  echo "usage: bash bench/on-postgres.sh two-node|wrk|append [arguments of that mode]" >&2
  exit 2
fi
root="$(cd "$(dirname "$0")/.." && pwd)"
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
if [[ -z "$bin" || ! -x "$bin/initdb" ]]; then
  echo "on-postgres: PostgreSQL server binaries not found under /usr/lib/postgresql (apt-get install postgresql)." >&2
  exit 2
fi

folder="$(mktemp -d /tmp/avz-bench-pg-XXXXXX)"
as_owner() {
  if [[ "$(id -u)" == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}
if [[ "$(id -u)" == 0 ]]; then chown postgres "$folder"; fi
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"

proxy=""
stop() {
  if [[ -n "$proxy" ]]; then kill "$proxy" 2>/dev/null || true; fi
  as_owner "$bin/pg_ctl" -D "$folder/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$folder"
}
trap stop EXIT

as_owner "$bin/initdb" -D "$folder/data" -U avz -A trust -E UTF8 --locale=C >/dev/null
as_owner "$bin/pg_ctl" -D "$folder/data" -l "$folder/server.log" -w -t 60 \
  -o "-p $port -k $folder -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null
as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U avz avz

if [[ -n "${AVZ_BENCH_DELAY:-}" ]]; then
  server_port="$port"
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  python3 "$root/bench/delay-proxy.py" "$port" "$server_port" "$AVZ_BENCH_DELAY" &
  proxy=$!
  sleep 1
  trip="$("$bin/psql" -h 127.0.0.1 -p "$port" -U avz avz -q -c '\timing on' -c 'SELECT 1' -c 'SELECT 1' -c 'SELECT 1' | awk '/^Time:/ {print $2}' | tail -n 1)"
  echo "on-postgres: through bench/delay-proxy.py ($AVZ_BENCH_DELAY s each way): SELECT 1 took $trip ms" >&2
fi

connection="Host=127.0.0.1;Port=$port;Username=avz;Database=avz;Maximum Pool Size=50"
export AVZ_GATEWAY_Database__Provider=Postgres
export AVZ_GATEWAY_Database__ConnectionString="$connection"
export AVZ_GATEWAY_Audit__Store=Postgres
export AVZ_GATEWAY_Audit__ConnectionString="$connection"
export AVZ_GATEWAY_Identity__Store=Postgres
export AVZ_GATEWAY_Identity__ConnectionString="$connection"

echo "on-postgres: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port" >&2
cd "$root"
if [[ "$1" == append ]]; then
  AVZ_BENCH_POSTGRES="$connection" dotnet run -c Release --project bench/Audit.Benchmarks -- append-postgres "${@:2}"
else
  dotnet run -c Release --project bench/Exchange.Benchmarks -- "$@"
fi
