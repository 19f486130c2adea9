#!/usr/bin/env bash
# Seconds from `java -jar` to the first 200 from /health, and the resident memory after start and after 1,000
# requests, for three ways of starting the same jar, taken in turn (round after round, so a noisy machine slows
# them alike): plain JDK 17, plain JDK 25, JDK 25 with the AOT cache. Prints each run and the medians.
# Needs ./mvnw package -DskipTests, and for the last two a JDK 25 (JDK25_HOME, default Temurin's) and the cache
# (JAVA_HOME=$JDK25_HOME ./mvnw -Paot package -DskipTests). RUNS=5 by default.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${PORT:-4590}
export FUNDRAISING_MANAGEMENT_PORT=${MANAGEMENT_PORT:-9590}
runs=${RUNS:-5}
jdk17=${JDK17_HOME:+$JDK17_HOME/bin/}java
jdk25=${JDK25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
app=target/quarkus-app
declare -A starts rss_start rss_after
kinds=("jdk17" "jdk25" "jdk25+aot")
[ -x "$jdk25" ] || kinds=("jdk17")
[ -s "$app/app.aot" ] || kinds=("${kinds[@]/jdk25+aot}")

command_of() {
  case "$1" in
    jdk17) echo "$jdk17 -jar $app/quarkus-run.jar" ;;
    jdk25) echo "$jdk25 -jar $app/quarkus-run.jar" ;;
    jdk25+aot) echo "$jdk25 -XX:AOTCache=$app/app.aot -jar $app/quarkus-run.jar" ;;
  esac
}

rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

many=$(for _ in $(seq 1 1000); do printf 'http://localhost:%s/api/fundraising/ops/rate-budget ' "$port"; done)
for run in $(seq 1 "$runs"); do
  for kind in "${kinds[@]}"; do
    [ -n "$kind" ] || continue
    data=$(mktemp -d)
    start=$(date +%s%N)
    PORT=$port FUNDRAISING_DATA_DIR=$data $(command_of "$kind") >/dev/null 2>&1 &
    pid=$!
    until curl -sf "http://localhost:$port/health" >/dev/null 2>&1; do sleep 0.01; done
    end=$(date +%s%N)
    ms=$(( (end - start) / 1000000 ))
    first=$(rss_kb "$pid")
    # shellcheck disable=SC2086
    curl -s -H "Authorization: Bearer local-dev-key" $many >/dev/null
    after=$(rss_kb "$pid")
    kill "$pid"; wait "$pid" 2>/dev/null || true
    rm -rf "$data"
    starts[$kind]+="$ms "; rss_start[$kind]+="$first "; rss_after[$kind]+="$after "
    echo "BENCH startup run $run $kind: $ms ms to first /health 200, RSS $((first / 1024)) MB, after 1,000 requests $((after / 1024)) MB"
  done
done
for kind in "${kinds[@]}"; do
  [ -n "$kind" ] || continue
  # shellcheck disable=SC2086
  echo "BENCH startup median $kind: $(median ${starts[$kind]}) ms; RSS $(( $(median ${rss_start[$kind]}) / 1024 )) MB after start, $(( $(median ${rss_after[$kind]}) / 1024 )) MB after 1,000 requests"
done
