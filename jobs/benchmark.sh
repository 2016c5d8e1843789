#!/usr/bin/env bash
# A benchmark, not a test: generates N synthetic requests (and matching members and products), loads the reference
# data, runs the whole job through the jar, and prints records per second per step and overall, and the peak memory.
#   jobs/benchmark.sh N [--db h2|postgres] [--keep] [--spring.*=... --issuance.*=...]
# Works in bench-work/ only: input files are cached per N in bench-work/input-N/; each run gets a fresh database
# (H2 file in bench-work/run-h2/db, or a PostgreSQL database bench_issuance that is dropped at the end unless --keep),
# its own keystore and its own output directory. JAVA_OPTS defaults to -Xmx512m (the heap cap that shows memory stays
# flat; lib.sh adds the throughput collector, see jvm_options); the H2 URL carries WRITE_DELAY=0 like the application's default; BENCH_H2_URL_OPTIONS is appended to it (e.g. ";CACHE_SIZE=131072"); PostgreSQL is reached at BENCH_PG_HOST (127.0.0.1), BENCH_PG_PORT (5432), BENCH_PG_USER (postgres).
source "$(dirname "$0")/lib.sh"

n="" db="h2" keep=0
passthrough=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --db) [[ $# -ge 2 ]] || die "--db needs h2 or postgres"; db="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    --spring.*|--issuance.*) passthrough+=("$1"); shift ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    [0-9]*) n="$1"; shift ;;
    *) die "unknown option '$1' (see --help)" ;;
  esac
done
[[ "$n" =~ ^[1-9][0-9]*$ ]] || die "give the number of requests, e.g. jobs/benchmark.sh 100000"
[[ "$db" == h2 || "$db" == postgres ]] || die "--db must be h2 or postgres"

export JAVA_OPTS="${JAVA_OPTS:--Xmx512m}"
work="$ISSUANCE_HOME/bench-work"
input="$work/input-$n"
run="$work/run-$db"
pg_host="${BENCH_PG_HOST:-127.0.0.1}" pg_port="${BENCH_PG_PORT:-5432}" pg_user="${BENCH_PG_USER:-postgres}"
pg_db="bench_issuance"
export PGOPTIONS="${PGOPTIONS:--c client_min_messages=warning}"
psql_admin() { psql -X -q -v ON_ERROR_STOP=1 -h "$pg_host" -p "$pg_port" -U "$pg_user" -d postgres "$@"; }
psql_bench() { psql -X -q -v ON_ERROR_STOP=1 -h "$pg_host" -p "$pg_port" -U "$pg_user" -d "$pg_db" "$@"; }

# 1. Build the jar (lib.sh) and the generator (test sources; it needs nothing but the JDK).
ensure_jar
generator="$ISSUANCE_HOME/src/test/java/com/example/cards/bench/SyntheticData.java"
classes="$work/classes"
if [[ ! -f "$classes/com/example/cards/bench/SyntheticData.class" || "$generator" -nt "$classes/com/example/cards/bench/SyntheticData.class" ]]; then
  mkdir -p "$classes"
  javac -d "$classes" "$generator" || die "cannot compile $generator"
fi

# 2. Synthetic input, cached per N (the generator is deterministic).
if [[ ! -f "$input/.complete" || "$classes/com/example/cards/bench/SyntheticData.class" -nt "$input/.complete" ]]; then
  rm -rf "$input"
  echo "Generating $n synthetic requests in $input ..."
  java -cp "$classes" com.example.cards.bench.SyntheticData "$n" "$input"
  touch "$input/.complete"
fi

# 3. A fresh database, keystore and output directory.
rm -rf "$run"
mkdir -p "$run/output"
app_args=(--issuance.crypto.keystore-path="$run/bench-keystore.p12" --issuance.crypto.keystore-password=bench-only
  --issuance.crypto.create-keystore-if-missing=true)
if [[ "$db" == h2 ]]; then
  db_url="jdbc:h2:file:$run/db/issuance;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0${BENCH_H2_URL_OPTIONS:-}"
  app_args+=(--spring.datasource.url="$db_url")
else
  command -v psql >/dev/null || die "psql is needed for --db postgres"
  psql_admin -c "DROP DATABASE IF EXISTS $pg_db" -c "CREATE DATABASE $pg_db"
  if [[ "$(psql_admin -At -c 'SHOW autovacuum')" != on ]]; then
    echo "note: autovacuum is off on this server; the job analyses issuance_request itself before the issue step" \
      "(TableStatistics), which is what keeps that step from being planned for an empty table." >&2
  fi
  if [[ $keep -eq 0 ]]; then
    trap 'psql_admin -c "DROP DATABASE IF EXISTS $pg_db" || true' EXIT
  fi
  export ISSUANCE_DB_URL="jdbc:postgresql://$pg_host:$pg_port/$pg_db" ISSUANCE_DB_USER="$pg_user"
  app_args+=(--spring.profiles.active=postgres)
fi
app_args+=("${passthrough[@]}")

# Runs a script of jobs/ under /usr/bin/time (lib.sh execs java, so the figures are the JVM's own); logs to $1.log.
timed() {
  local name="$1"; shift
  local start end
  start=$(date +%s.%N)
  if [[ -x /usr/bin/time ]]; then
    /usr/bin/time -v -o "$run/$name.time" "$@" >"$run/$name.log" 2>&1 || { tail -20 "$run/$name.log" >&2; die "$name failed (see $run/$name.log)"; }
  else
    "$@" >"$run/$name.log" 2>&1 || { tail -20 "$run/$name.log" >&2; die "$name failed (see $run/$name.log)"; }
  fi
  end=$(date +%s.%N)
  awk -v s="$start" -v e="$end" 'BEGIN { printf "%.1f", e - s }' >"$run/$name.wall"
}
max_rss_mb() { [[ -f "$run/$1.time" ]] && awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$run/$1.time" || echo "?"; }

echo "Loading reference data ($(($(wc -l <"$input/members.csv") - 1)) members, 6 products) ..."
JAVA_OPTS="$JAVA_OPTS" timed load "$ISSUANCE_HOME/jobs/load-reference-data.sh" --members "$input/members.csv" \
  --products "$input/products.csv" "${app_args[@]}"
echo "  done in $(cat "$run/load.wall") s"

echo "Running issueCardsJob on $n requests ($db, JVM options: $(jvm_options)) ..."
JAVA_OPTS="$JAVA_OPTS -Xlog:gc:file=$run/gc.log" timed job "$ISSUANCE_HOME/jobs/issue-cards.sh" \
  --input "$input/requests.csv" --batch-id "bench-$n" --run-date 2026-01-15 --output-dir "$run/output" "${app_args[@]}"
echo "  done in $(cat "$run/job.wall") s (process wall clock, including JVM start-up)"

# 4. Per-step figures from the job repository (the application has exited, so H2's file is free).
if [[ "$db" == h2 ]]; then
  h2_jar="$(ls "$HOME"/.m2/repository/com/h2database/h2/*/h2-*.jar 2>/dev/null | grep -v sources | sort -V | tail -1)"
  [[ -n "$h2_jar" ]] || h2_jar="$(unzip -Z1 "$ISSUANCE_JAR" | grep 'BOOT-INF/lib/h2-' | head -1)"
  query() {
    java -cp "$h2_jar" org.h2.tools.Shell -url "$db_url" -user sa -password "" -sql "$1" \
      | grep '^ROW;' | sed 's/ *$//'
  }
  ms="DATEDIFF('MILLISECOND', START_TIME, END_TIME)"
else
  query() { psql_bench -At -c "$1"; }
  ms="CAST(EXTRACT(EPOCH FROM (END_TIME - START_TIME)) * 1000 AS BIGINT)"
fi
steps="$(query "SELECT 'ROW;' || STEP_NAME || ';' || COALESCE(READ_COUNT, 0) || ';' || COALESCE(WRITE_COUNT, 0) || ';' || $ms
  FROM BATCH_STEP_EXECUTION ORDER BY STEP_EXECUTION_ID")"
job="$(query "SELECT 'ROW;' || STATUS || ';' || $ms FROM BATCH_JOB_EXECUTION ORDER BY JOB_EXECUTION_ID DESC FETCH FIRST 1 ROWS ONLY")"
codes="$(query "SELECT 'ROW;' || COALESCE(result_code, '-') || ';' || status || ';' || COUNT(*) FROM issuance_request
  GROUP BY result_code, status ORDER BY COUNT(*) DESC")"
cards="$(query "SELECT 'ROW;' || card_role || ';' || COUNT(*) FROM card GROUP BY card_role ORDER BY card_role")"

echo
echo "== issueCardsJob, $n requests, $db, $(nproc) cores, JVM options: $(jvm_options) =="
printf '%-30s %12s %12s %10s %12s\n' step read written seconds "records/s"
printf '%s\n' "$steps" | awk -F';' -v n="$n" '{
  recs = $3 > 0 ? $3 : n; secs = $5 / 1000;
  printf "%-30s %12s %12s %10.2f %12.0f\n", $2, ($3 > 0 ? $3 : n "*"), $4, secs, (secs > 0 ? recs / secs : 0) }'
printf '%s\n' "$job" | awk -F';' -v n="$n" '{ secs = $3 / 1000;
  printf "%-30s %12s %12s %10.2f %12.0f   (%s)\n", "overall (job start to end)", n, "", secs, n / secs, $2 }'
echo "  * a tasklet step: counted as the N input records it covers; issueCards is the sum of its partitions"
echo
echo "Outcomes:"
printf '%s\n' "$codes" | awk -F';' '{ printf "  %-8s %-9s %10s\n", $2, $3, $4 }'
printf '%s\n' "$cards" | awk -F';' '{ printf "  cards    %-9s %10s\n", $2, $3 }'
gc_max="$(grep -o -- '->[0-9]*M' "$run/gc.log" 2>/dev/null | tr -dc '0-9\n' | sort -n | tail -1)"
echo
echo "Memory: peak RSS of the job's JVM $(max_rss_mb job) MB (reference-data load: $(max_rss_mb load) MB);" \
  "largest heap after a GC ${gc_max:-?} MB; JVM options: $(jvm_options)"
echo "Process wall clock: load $(cat "$run/load.wall") s, job $(cat "$run/job.wall") s (JVM start-up included)"
echo "Outputs: $run/output; logs: $run/*.log"
[[ "$(printf '%s\n' "$job" | cut -d';' -f2)" == COMPLETED ]] || { echo "The job did not complete." >&2; exit 1; }
