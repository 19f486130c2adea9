#!/usr/bin/env bash
# Time from `java -jar` to the first 200 from /health, five times. Needs a packaged jar (./mvnw package -DskipTests).
set -euo pipefail
cd "$(dirname "$0")/.."
port=${PORT:-4590}
for run in 1 2 3 4 5; do
  start=$(date +%s%N)
  PORT=$port java ${JAVA_OPTS:-} -jar target/quarkus-app/quarkus-run.jar >/dev/null 2>&1 &
  pid=$!
  until curl -sf "http://localhost:$port/health" >/dev/null 2>&1; do sleep 0.02; done
  end=$(date +%s%N)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "BENCH startup run $run: $(( (end - start) / 1000000 )) ms to first /health 200"
done
