#!/usr/bin/env bash
# A 2 GB CSV upload through the node jar with its heap capped at 512 MB: the body is streamed to
# disk and loaded by DuckDB, so the heap never holds it. Prints the upload's answer, the wall time,
# the largest heap in use after a GC (from the GC log) and the process's peak RSS (heap + DuckDB).
#
#   KEYCLOAK_URL=http://127.0.0.1:8180 KEYCLOAK_ADMIN_PASSWORD=… bench/upload-2g.sh [SIZE_MB]
# Needs a running Keycloak (its admin account) and the built jars (node, identity). Uses a realm of its own.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SIZE_MB="${1:-2048}"
KEYCLOAK_URL="${KEYCLOAK_URL:?the Keycloak to use}"
REALM="bench-upload-$RANDOM"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/meshwork-upload-2g.XXXXXX")"
PORT="$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')"
cp "$ROOT/deploy/target/meshwork-node.jar" "$WORK/node.jar"

MESHWORK_KEYCLOAK_URL="$KEYCLOAK_URL" MESHWORK_KEYCLOAK_ADMIN="${KEYCLOAK_ADMIN:-admin}" MESHWORK_KEYCLOAK_ADMIN_PASSWORD="$KEYCLOAK_ADMIN_PASSWORD" \
  MESHWORK_REALM="$REALM" MESHWORK_PORTAL_CLIENT_SECRET="bench-$RANDOM" MESHWORK_PORTAL_URL="http://127.0.0.1:18080" MESHWORK_DEMO_USERS=true \
  java -jar "$ROOT/identity/target/meshwork-identity.jar" apply >"$WORK/identity.log" 2>&1

MESHWORK_HOME="$WORK/home" MESHWORK_HTTP_PORT="$PORT" MESHWORK_KEYCLOAK_URL="$KEYCLOAK_URL" MESHWORK_REALM="$REALM" \
  setsid java -Xmx512m -Xlog:gc:file="$WORK/gc.log" -jar "$WORK/node.jar" >"$WORK/node.log" 2>&1 &
NODE_PID=$!
trap 'kill $NODE_PID 2>/dev/null || true' EXIT
until curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null; do sleep 0.5; done

TOKEN="$(curl -sf -d grant_type=password -d client_id=meshwork-cli -d username=olivia -d password=meshwork \
  "$KEYCLOAK_URL/realms/$REALM/protocol/openid-connect/token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')"
for kind in contracts/order-lines-v1 products/orders-daily; do
  curl -sf -o /dev/null -X PUT -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/yaml' \
    --data-binary "@$ROOT/deploy/demo/$kind.yaml" "http://127.0.0.1:$PORT/api/v1/${kind%%/*}/${kind##*/}"
done

python3 - "$WORK/orders.csv" "$SIZE_MB" <<'PY'
import sys
path, limit = sys.argv[1], int(sys.argv[2]) << 20
with open(path, 'w', buffering=1 << 22) as f:
    f.write("order_id,line_no,customer_email,sku,channel,amount_eur,ordered_at\n")
    i = 0
    while f.tell() < limit:
        rows = "".join(f"ord-{j},{1 + j % 4},customer{j % 100000}@example.com,SKU-{j % 5000},{'store' if j % 3 == 0 else 'web'},{(j % 99999) / 100:.2f},2026-11-{1 + j % 28:02d} {j % 24:02d}:00:00\n" for j in range(i, i + 100000))
        f.write(rows)
        i += 100000
PY
echo "file: $(du -m "$WORK/orders.csv" | cut -f1) MB, $(($(wc -l <"$WORK/orders.csv") - 1)) rows"

start=$(date +%s.%N)
curl -s -X POST -H "Authorization: Bearer $TOKEN" -H 'Content-Type: text/csv' -H 'Idempotency-Key: bench-2g' \
  -T "$WORK/orders.csv" "http://127.0.0.1:$PORT/api/v1/products/orders-daily/ports/order-lines/batches" >"$WORK/answer.json"   # -T streams the file
end=$(date +%s.%N)
echo "answer: $(cat "$WORK/answer.json")"
python3 - "$start" "$end" "$WORK/gc.log" "$NODE_PID" "$WORK/answer.json" <<'PY'
import sys, re, json
start, end, gclog, pid, answer = float(sys.argv[1]), float(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
rows = json.load(open(answer)).get("rowsValid", 0)
after = [int(m.group(1)) for m in re.finditer(r"->(\d+)M\(", open(gclog).read())]
hwm = next((l.split()[1] for l in open(f"/proc/{pid}/status") if l.startswith("VmHWM")), "?")
print(f"wall {end - start:.1f} s, {rows / (end - start):,.0f} rows/s; heap after GC max {max(after) if after else '?'} MB (cap 512 MB); peak RSS {int(hwm) // 1024} MB")
PY
rm -f "$WORK/orders.csv"
