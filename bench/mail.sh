#!/usr/bin/env bash
# Usage: bench/mail.sh [COUNT]
#
# The mail outbox sending to a real SMTP server on this machine: starts e2e/mail_sink.py
# (Python's aiosmtpd, keeping every mail as a file) on 127.0.0.1:8027, queues COUNT (2,000)
# letters in a fresh data folder and times `musubi bench mail` sending them, one SMTP session
# each, as the server's outbox service does. Then the bell: `musubi bench bell` with 10,000
# members of 110 notifications each. Then the weekly digest: `musubi bench digest`, the demo
# community and 10,000 more members. Release build.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
COUNT="${1:-2000}"
swift build -c release --product musubi >/dev/null
BIN="$(swift build -c release --product musubi --show-bin-path)/musubi"
TMP="$(mktemp -d)"
trap 'kill $sink 2>/dev/null || true; rm -rf "$TMP"' EXIT
python3 e2e/mail_sink.py 8027 "$TMP/sink" >"$TMP/sink.log" 2>&1 &
sink=$!
for _ in $(seq 1 50); do grep -q ready "$TMP/sink.log" 2>/dev/null && break; sleep 0.2; done
"$BIN" bench mail --data-dir "$TMP/mail" --count "$COUNT" --smtp-url smtp://127.0.0.1:8027
echo "mails the server received: $(find "$TMP/sink" -name '*.eml' | wc -l)"
"$BIN" bench bell --data-dir "$TMP/bell"
"$BIN" bench digest --data-dir "$TMP/digest"
