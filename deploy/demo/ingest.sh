#!/usr/bin/env bash
# Loads the demo data (deploy/demo/data) into the demo products as batches, the way a domain team would:
# orders as olivia (owner of the orders domain), every other domain through a service account of its own
# (sa-<domain>-demo-load, role domain-owner, created by ada). Uploads carry an Idempotency-Key, so running
# this again changes nothing. Needs the demo contracts and products registered first.
#
#   deploy/demo/ingest.sh [NODE_URL]      (default http://127.0.0.1:8081; tokens from ./meshwork token)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
NODE="${1:-http://127.0.0.1:8081}"
DATA="$ROOT/deploy/demo/data"

json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }

token_for_domain() {
  local domain="$1" ada answer secret endpoint
  if [[ "$domain" == orders ]]; then
    "$ROOT/meshwork" token olivia
    return
  fi
  ada="$("$ROOT/meshwork" token ada)"
  # the domain's groups (idempotent), then its loading service account (rotated when it exists: secrets show once)
  curl -sf -X PUT -H "Authorization: Bearer $ada" -H 'Content-Type: application/json' -d '{}' \
    "$NODE/api/v1/identity/domains/$domain" >/dev/null || true
  answer="$(curl -s -X POST -H "Authorization: Bearer $ada" -H 'Content-Type: application/json' \
    -d "{\"domain\":\"$domain\",\"name\":\"demo-load\",\"roles\":[\"domain-owner\"],\"description\":\"demo data loader\"}" \
    "$NODE/api/v1/identity/service-accounts")"
  if ! secret="$(json '["secret"]' <<<"$answer" 2>/dev/null)"; then
    answer="$(curl -sf -X POST -H "Authorization: Bearer $ada" "$NODE/api/v1/identity/service-accounts/sa-$domain-demo-load/rotate")"
    secret="$(json '["secret"]' <<<"$answer")"
  fi
  endpoint="$(json '["tokenEndpoint"]' <<<"$answer")"
  curl -sf -d grant_type=client_credentials -d "client_id=sa-$domain-demo-load" --data-urlencode "client_secret=$secret" "$endpoint" \
    | json '["access_token"]'
}

# product  domain  port  file
BATCHES=(
  "orders-daily orders order-lines orders-daily.csv"
  "order-returns orders returns order-returns.ndjson"
  "order-fulfilment-sla orders fulfilment-times order-fulfilment-sla.csv"
  "product-catalogue products skus product-catalogue.csv"
  "price-history products price-changes price-history.ndjson"
  "cart-events carts events cart-events.ndjson"
  "abandoned-carts carts abandoned abandoned-carts.csv"
  "web-sessions sessions sessions web-sessions.csv"
  "app-sessions sessions sessions app-sessions.ndjson"
  "marketing-leads leads leads marketing-leads.csv"
  "lead-scores leads scores lead-scores.ndjson"
)

declare -A TOKENS=()
status=0
for entry in "${BATCHES[@]}"; do
  read -r product domain port file <<<"$entry"
  [[ -n "${TOKENS[$domain]:-}" ]] || TOKENS[$domain]="$(token_for_domain "$domain")"
  case "$file" in *.csv) type=text/csv ;; *) type=application/x-ndjson ;; esac
  answer="$(curl -s -w '\n%{http_code}' -X POST -H "Authorization: Bearer ${TOKENS[$domain]}" -H "Content-Type: $type" \
    -H "Idempotency-Key: demo-$file-v1" --data-binary "@$DATA/$file" "$NODE/api/v1/products/$product/ports/$port/batches")"
  code="${answer##*$'\n'}"
  body="${answer%$'\n'*}"
  if [[ "$code" == 200 || "$code" == 201 ]]; then
    echo "$product/$port: $(json '["rowsValid"]' <<<"$body") rows, $(json '["rowsQuarantined"]' <<<"$body") quarantined ($([[ $code == 200 ]] && echo 'already loaded' || echo 'batch '"$(json '["id"]' <<<"$body")"))"
  else
    echo "$product/$port: HTTP $code $body" >&2
    status=1
  fi
done

# the orders team's pipeline: the same export, read from disk every night (needs the demo data dir as a file root)
spec="$(sed "s#@DEMO_DATA@#$DATA#" "$ROOT/deploy/demo/pipelines/orders-daily.yaml")"
code="$(curl -s -o /dev/null -w '%{http_code}' -X PUT -H "Authorization: Bearer ${TOKENS[orders]}" -H 'Content-Type: application/yaml' \
  --data-binary "$spec" "$NODE/api/v1/products/orders-daily/pipeline")"
if [[ "$code" == 200 ]]; then
  echo "orders-daily: pipeline attached (source shop-export, nightly at 02:00 UTC)"
else
  echo "orders-daily: pipeline not attached (HTTP $code): start the node with MESHWORK_DATAPLANE_FILE_ROOTS=$DATA" >&2
fi
exit "$status"
