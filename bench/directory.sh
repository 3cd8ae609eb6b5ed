#!/usr/bin/env bash
# Usage: bench/directory.sh [members=10000] [connections=32] [seconds=20]
#
# Measures, on a release build with SQLite and the demo community:
#   - cold start: from launching `musubi serve` to the first answered request;
#   - idle memory: resident set size of the server after start;
#   - the directory page /members (and a filtered search) with MEMBERS extra members
#     imported, under wrk with CONNECTIONS concurrent connections signed in as a member.
# Needs wrk (apt-get install wrk) and curl. Loopback only.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
members=${1:-10000}; connections=${2:-32}; seconds=${3:-20}
port=${MUSUBI_BENCH_PORT:-8097}
bin="$(swift build -c release --show-bin-path)/musubi"
[[ -x "$bin" ]] || { echo "build first: swift build -c release --product musubi" >&2; exit 1; }
if curl -fsS -o /dev/null "http://127.0.0.1:$port/healthz" 2>/dev/null; then echo "port $port is busy" >&2; exit 1; fi
work=$(mktemp -d); trap '[[ -n "$server" ]] && kill "$server" 2>/dev/null; rm -rf "$work"' EXIT

server=""
started=""
# Starts the server in the background and sets $started to the seconds until it answered.
start_server() {
    local t0 t1
    t0=$(date +%s.%N)
    "$bin" serve --demo --data-dir "$work/data" --port "$port" > "$work/server.log" 2>&1 &
    server=$!
    until curl -fsS -o /dev/null "http://127.0.0.1:$port/healthz" 2>/dev/null; do sleep 0.005; done
    t1=$(date +%s.%N)
    started=$(echo "$t1 - $t0" | bc)
}

echo "== cold start (empty database: migrate + load demo)"
start_server; echo "first start: $started s"
kill "$server"; wait "$server" 2>/dev/null || true
start_server; echo "second start (migrated, demo present): $started s"
sleep 2
echo "idle RSS: $(awk '/VmRSS/ {print $2/1024 " MB"}' /proc/$server/status)"

echo "== importing $members members"
python3 bench/members.py "$members" > "$work/members.csv"
kill "$server"; wait "$server" 2>/dev/null || true
"$bin" import members "$work/members.csv" --data-dir "$work/data" | tail -1
start_server; echo "start with $members more members: $started s"

jar="$work/cookies"
curl -fsS -c "$jar" -o /dev/null "http://127.0.0.1:$port/signin"
csrf=$(awk '$6 == "musubi_csrf" {print $7}' "$jar")
curl -fsS -b "$jar" -c "$jar" -o /dev/null -d "_csrf=$csrf&email=admin%40example.jp&password=musubi-demo" "http://127.0.0.1:$port/signin"
session=$(awk '$6 == "musubi_session" {print $7}' "$jar")
[[ -n "$session" ]] || { echo "could not sign in" >&2; exit 1; }
echo "directory total: $(curl -fsS -H "Cookie: musubi_session=$session" "http://127.0.0.1:$port/members" | grep -o '[0-9]*件中' | head -1)"

for path in "/members" "/members?page=100" "/members?q=%E6%B0%B4%E7%B4%A0&sector=industry" "/members?q=%EF%BE%8A%EF%BE%9E%EF%BE%8C%EF%BE%9E%EF%BE%99"; do
    echo "== wrk -t2 -c$connections -d${seconds}s $path"
    wrk -t2 -c"$connections" -d"${seconds}s" --latency -H "Cookie: musubi_session=$session" "http://127.0.0.1:$port$path" \
        | grep -E "Requests/sec|Latency  |50%|90%|99%|Non-2xx"
done
pages=$(( (members + 64 + 29) / 30 ))
echo "== wrk -t2 -c$connections -d${seconds}s /members?page=<random 1..$pages> (cards mostly not kept yet)"
MUSUBI_BENCH_PAGES=$pages wrk -t2 -c"$connections" -d"${seconds}s" --latency -s bench/random-page.lua -H "Cookie: musubi_session=$session" "http://127.0.0.1:$port" \
    | grep -E "Requests/sec|Latency  |50%|90%|99%|Non-2xx"
echo "RSS after load: $(awk '/VmRSS/ {print $2/1024 " MB"}' /proc/$server/status)"
