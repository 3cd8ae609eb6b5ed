#!/usr/bin/env bash
# Usage: bench/events.sh [registrations=1000] [capacity=800] [connections=32] [seconds=15]
#
# Measures, on a release build with SQLite and the demo community:
#   - REGISTRATIONS members registering for one event at once, 32 in flight
#     (`musubi bench events`): the rate, and that exactly CAPACITY got a place;
#   - that event's page under wrk with CONNECTIONS connections, signed in as the demo admin
#     (a coordinator: the page shows the check-in and edit links) and as a member;
#   - the door (check-in page) of that event, which lists the first 100 registrations.
# Needs wrk (apt-get install wrk) and curl. Loopback only.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
registrations=${1:-1000}; capacity=${2:-800}; connections=${3:-32}; seconds=${4:-15}
port=${MUSUBI_BENCH_PORT:-8098}
bin="$(swift build -c release --show-bin-path)/musubi"
[[ -x "$bin" ]] || { echo "build first: swift build -c release --product musubi" >&2; exit 1; }
if curl -fsS -o /dev/null "http://127.0.0.1:$port/healthz" 2>/dev/null; then echo "port $port is busy" >&2; exit 1; fi
work=$(mktemp -d); server=""; trap '[[ -n "$server" ]] && { kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; }; rm -rf "$work"' EXIT

start_server() {
    "$bin" serve --demo --data-dir "$work/data" --port "$port" > "$work/server.log" 2>&1 &
    server=$!
    until curl -fsS -o /dev/null "http://127.0.0.1:$port/healthz" 2>/dev/null; do sleep 0.01; done
}

start_server  # the demo community first: its admin signs in below
kill "$server"; wait "$server" 2>/dev/null || true; server=""
echo "== musubi bench events --members $registrations --capacity $capacity"
out=$("$bin" bench events --data-dir "$work/data" --members "$registrations" --capacity "$capacity")
echo "$out"
path=$(echo "$out" | grep -o '/events/[0-9]*' | tail -1)
start_server
# The registrations' mails (each with its QR code and .ics) go out first, into the data
# folder's mail/ (no SMTP server is set): the pages are measured once the outbox is empty.
t0=$(date +%s.%N)
until [[ $(find "$work/data/mail" -name '*.eml' 2>/dev/null | wc -l) -ge $registrations ]]; do sleep 0.2; done
echo "$registrations mails written in $(echo "$(date +%s.%N) - $t0" | bc) s"

sign_in() {
    local jar="$work/jar-$1" csrf
    curl -fsS -c "$jar" -o /dev/null "http://127.0.0.1:$port/signin"
    csrf=$(awk '$6 == "musubi_csrf" {print $7}' "$jar")
    curl -fsS -b "$jar" -c "$jar" -o /dev/null -d "_csrf=$csrf&email=$1&password=musubi-demo" "http://127.0.0.1:$port/signin"
    awk '$6 == "musubi_session" {print $7}' "$jar"
}
admin=$(sign_in "admin%40example.jp")
member=$(sign_in "kyohei.matsumoto%40sanin-kosen.example.jp")
[[ -n "$admin" && -n "$member" ]] || { echo "could not sign in" >&2; exit 1; }
echo "page says: $(curl -fsS -H "Cookie: musubi_session=$admin" "http://127.0.0.1:$port$path" | grep -o '参加 [0-9]* 名・キャンセル待ち [0-9]* 名')"

for who in admin member; do
    session=${!who}
    echo "== wrk -t2 -c$connections -d${seconds}s $path as the $who"
    wrk -t2 -c"$connections" -d"${seconds}s" --latency -H "Cookie: musubi_session=$session" "http://127.0.0.1:$port$path" \
        | grep -E "Requests/sec|Latency  |50%|90%|99%|Non-2xx"
done
echo "== wrk -t2 -c$connections -d${seconds}s $path/check-in as the admin"
wrk -t2 -c"$connections" -d"${seconds}s" --latency -H "Cookie: musubi_session=$admin" "http://127.0.0.1:$port$path/check-in" \
    | grep -E "Requests/sec|Latency  |50%|90%|99%|Non-2xx"
