#!/usr/bin/env bash
# The AOT cache's training run (JDK 25+, JEP 483/514/515): the packaged service is started with
# -XX:AOTCacheOutput, its main routes are exercised against its embedded emulator, and it is stopped; the JVM then
# writes target/quarkus-app/app.aot. Start with: java -XX:AOTCache=target/quarkus-app/app.aot -jar target/quarkus-app/quarkus-run.jar
set -euo pipefail
cd "$(dirname "$0")/../../.."
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
feature=$("$java_bin" -XshowSettings:properties -version 2>&1 | sed -n 's/ *java.specification.version = //p')
if [ "${feature%%.*}" -lt 25 ] 2>/dev/null; then
  echo "aot: $java_bin is Java $feature; the AOT cache needs JDK 25 or later (set JAVA_HOME, e.g. /usr/lib/jvm/temurin-25-jdk-amd64)" >&2
  exit 1
fi
app=target/quarkus-app
cache="$app/app.aot"
port=${AOT_TRAINING_PORT:-4599}
management_port=${AOT_TRAINING_MANAGEMENT_PORT:-9599}
data=$(mktemp -d)
rm -f "$cache"
PORT=$port FUNDRAISING_MANAGEMENT_PORT=$management_port FUNDRAISING_DATA_DIR="$data" FUNDRAISING_EMULATOR_RATE_PER_MINUTE=0 FUNDRAISING_ROLLUP_REBUILD_CRON=off \
  "$java_bin" -XX:AOTCacheOutput="$cache" -jar "$app/quarkus-run.jar" >"$data/training.log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$data"' EXIT
base="http://localhost:$port"
management="http://localhost:$management_port"
for _ in $(seq 1 300); do curl -sf "$base/health" >/dev/null && break; sleep 0.1; done
curl -sf "$base/health" >/dev/null || { echo "aot: the service did not start; see its log:" >&2; tail -20 "$data/training.log" >&2; exit 1; }

auth=(-H "Authorization: Bearer local-dev-key")
json=(-H "Content-Type: application/json")
call() { curl -s -o /dev/null "$@" || true; }
for round in 1 2 3; do
  call "$management/q/health/ready"; call "$management/q/health/live"; call "$base/"; call "$management/q/metrics"
  call "${auth[@]}" "$base/fundraising/"; call "$base/fundraising/assets/app.js"
  call "${auth[@]}" "${json[@]}" "$base/api/fundraising/gifts" -d "{\"amount\":{\"amountMicros\":2500000$round,\"currencyCode\":\"GBP\"},
    \"giftDate\":\"2026-11-20\",\"paymentMethod\":\"card\",\"autoProcess\":true,\"donorDecision\":\"create\",
    \"contact\":{\"firstName\":\"Train\",\"lastName\":\"Run$round\",\"email\":\"train$round@example.org\"}}"
  call "${auth[@]}" "${json[@]}" "$base/api/fundraising/gift-staging" -d "{\"amount\":{\"amountMicros\":1000000,\"currencyCode\":\"GBP\"},
    \"contact\":{\"firstName\":\"Stage\",\"lastName\":\"Run$round\"}}"
  call "${auth[@]}" "$base/api/fundraising/gift-staging?limit=25"
  call "${auth[@]}" "$base/api/fundraising/gifts?limit=25"
  call "${auth[@]}" "${json[@]}" "$base/api/fundraising/people/duplicates" -d '{"firstName":"Train","lastName":"Run1"}'
  call "${auth[@]}" "$base/api/fundraising/appeals"
  call "${auth[@]}" "$base/api/fundraising/recurring-agreements"
  call "${auth[@]}" "$base/api/fundraising/ops/rate-budget"
  call "${auth[@]}" "$base/api/fundraising/webhooks/events"
  call "${json[@]}" "$base/api/fundraising/gifts" -d '{}'
done
batch=$(curl -s "${auth[@]}" "${json[@]}" "$base/api/fundraising/gift-batches" -d '{"name":"AOT training"}' | sed 's/.*"createGiftBatch":{"id":"\([^"]*\)".*/\1/')
call "${auth[@]}" -H "Content-Type: text/csv" "$base/api/fundraising/gift-batches/$batch/import" \
  --data-binary $'first_name,last_name,email,amount,currency,gift_date\nAda,Lovelace,ada@example.org,12.50,GBP,2026-11-20\n'
call "${auth[@]}" "${json[@]}" "$base/api/fundraising/gift-batches/$batch/process" -d '{"dryRun":true}'
call "${auth[@]}" "${json[@]}" "$base/api/fundraising/rollups/rebuild" -d '{"dryRun":true}'
call "$base/q/openapi"
kill -TERM "$pid"
wait "$pid" || true
trap 'rm -rf "$data"' EXIT
if [ ! -s "$cache" ]; then
  echo "aot: no cache was written; the training run's log:" >&2
  tail -20 "$data/training.log" >&2
  exit 1
fi
echo "aot: $cache written ($(du -h "$cache" | cut -f1)); start with: java -XX:AOTCache=$cache -jar $app/quarkus-run.jar"
