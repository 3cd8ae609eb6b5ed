#!/usr/bin/env bash
# Usage: bench/archive.sh [data-dir=/tmp/bench-search]
#
# Measures, on a release build, moving a community between databases with the archive:
#   - `musubi export` of the SQLite database in DATA-DIR (the 1,000,000-message corpus that
#     `musubi bench search --data-dir /tmp/bench-search --messages 1000000` stores);
#   - `musubi restore` of that archive into a throwaway PostgreSQL (scripts/with-postgres),
#     and into a fresh SQLite file;
# each with its wall time and peak memory (GNU time's maximum resident set size), and the
# archive's size. DATA-DIR is only read.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source_dir=${1:-/tmp/bench-search}
bin="$(swift build -c release --show-bin-path)/musubi"
[[ -x "$bin" ]] || { echo "build first: swift build -c release --product musubi" >&2; exit 1; }
[[ -f "$source_dir/musubi.sqlite" ]] || { echo "no database in $source_dir: run musubi bench search first" >&2; exit 1; }
work=$(mktemp -d /var/tmp/musubi-bench-archive.XXXXXX); chmod 755 "$work"; trap 'rm -rf "$work"' EXIT

# Runs a command under GNU time and prints "<what>: <seconds> s, <MiB> MiB peak".
measure() {
    local what=$1; shift
    /usr/bin/time -f "%e %M" -o "$work/time" "$@" > "$work/out" 2>&1 || { cat "$work/out" >&2; exit 1; }
    read -r seconds kib < "$work/time"
    echo "$what: ${seconds} s, $((kib / 1024)) MiB peak ($(tail -n 1 "$work/out"))"
}

measure "export (SQLite)" "$bin" export -o "$work/community.zip" --data-dir "$source_dir"
echo "archive: $(du -m "$work/community.zip" | cut -f1) MB"
scripts/with-postgres bash -c "
    $(declare -f measure); work='$work'
    measure 'restore (PostgreSQL)' '$bin' restore '$work/community.zip' --data-dir '$work/pg' --database-url \"\$MUSUBI_TEST_POSTGRES_URL\"
" 2>/dev/null
measure "restore (SQLite)" "$bin" restore "$work/community.zip" --data-dir "$work/sqlite"
