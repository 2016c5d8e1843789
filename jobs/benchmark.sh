#!/usr/bin/env bash
# A benchmark, not a test: generates N synthetic requests (and matching members and products), loads the reference
# data, runs the whole job through the jar, then runs the minimal Spring Batch job (the yardstick) on the same input and
# the same kind of database, and prints both rates and their ratio, per step and overall, and the peak memory.
#   jobs/benchmark.sh N [--db h2|postgres] [--repeat R] [--keep] [--workers K] [--spring.*=... --issuance.*=...]
# --workers K (PostgreSQL, RabbitMQ at spring.rabbitmq.*, default localhost:5672) runs the whole job twice per round
# instead of against the yardstick: once in a single process, then as a manager (issuance.partitioning=remote,
# issuance.grid-size 4K unless given) with K local worker processes (jobs/worker.sh) on a queue of its own, and prints
# each worker's partitions, requests, busy seconds, rate and CPU seconds per request beside the single-process figures.
# The ratio is the figure to quote: absolute rates drift with the machine's load from day to day, the ratio to a job
# measured minutes apart on the same machine much less. ratio = issueCardsJob's rate / minimalIssueJob's rate (= the
# minimal job's seconds / issueCardsJob's seconds), both per input request; 1.0 would be as fast as the floor.
# --repeat R alternates the two jobs R times (issueCardsJob, minimal job, issueCardsJob, ...) and ends with the
# median ratio per step and overall. The --spring.* and --issuance.* options go to issueCardsJob only.
# The yardstick (src/test/java/com/example/cards/bench/MinimalIssueJob.java) is one chunk step of 1,000:
# FlatFileItemReader over requests.csv, a processor that makes a Luhn-valid card number and seals it with AES-GCM
# (fresh IV), a CompositeItemWriter of a JdbcBatchItemWriter into one table and a FlatFileItemWriter of one result
# line per request, and a JDBC job repository on the same database. Plain Spring Batch (no Spring Boot, none of the
# product's classes). Its step is split for the per-step comparison: its "stage" is the time inside its reader
# (reading, parsing), its "export" the time inside its result-file writer, its "issue" the rest of its step
# (processor, table writes, commits, job repository). issueCardsJob's overall also covers registerBatch.
# Works in bench-work/ only: input files are cached per N in bench-work/input-N/; the generator and the yardstick are
# compiled from the test tree into bench-work/classes against the test class path Maven resolves (cached in
# bench-work/test-classpath.txt). Each run of either job gets a fresh database: H2 files in bench-work/run-h2/db and
# bench-work/run-h2/minimal/db, or PostgreSQL databases bench_issuance and bench_minimal, dropped at the end unless
# --keep. The whole job also gets its own keystore and output directory. JAVA_OPTS defaults to -Xmx512m (the heap cap
# that shows memory stays flat; lib.sh adds the throughput collector, see jvm_options), for both jobs; the H2 URL
# carries WRITE_DELAY=0 and MAX_COMPACT_TIME=60000 like the application's default; BENCH_H2_URL_OPTIONS is appended to it (e.g.
# ";CACHE_SIZE=131072"), for both jobs; PostgreSQL is reached at BENCH_PG_HOST (127.0.0.1), BENCH_PG_PORT (5432),
# BENCH_PG_USER (postgres), and both jobs rewrite batched inserts as multi-row ones (the application's postgres
# profile does).
# --profile records the whole job's JVM with JFR (settings=profile) into bench-work/run-DB/job.jfr and prints, per
# step, where its threads spent their time: the kind of code running (H2 engine, PostgreSQL driver, cryptography, the
# job's own code, ...), the hottest methods, and what waited in native code (src/test/java/.../bench/ProfileByStep.java).
# On PostgreSQL the server's own time is in pg_stat_statements when the server loads it (docs/performance.md).
source "$(dirname "$0")/lib.sh"

n="" db="h2" keep=0 repeat=1 workers=0 profile=0
passthrough=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --db) [[ $# -ge 2 ]] || die "--db needs h2 or postgres"; db="$2"; shift 2 ;;
    --repeat) [[ $# -ge 2 ]] || die "--repeat needs a number of rounds"; repeat="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    --profile) profile=1; shift ;;
    --workers) [[ $# -ge 2 ]] || die "--workers needs a number of worker processes"; workers="$2"; shift 2 ;;
    --spring.*|--issuance.*|--logging.*|--management.*) passthrough+=("$1"); shift ;;
    -h|--help) sed -n '2,/^[^#]/p' "$0" | sed '$d'; exit 0 ;;
    [0-9]*) n="$1"; shift ;;
    *) die "unknown option '$1' (see --help)" ;;
  esac
done
[[ "$n" =~ ^[1-9][0-9]*$ ]] || die "give the number of requests, e.g. jobs/benchmark.sh 100000"
[[ "$db" == h2 || "$db" == postgres ]] || die "--db must be h2 or postgres"
[[ "$repeat" =~ ^[1-9][0-9]*$ ]] || die "--repeat must be a positive number of rounds"
[[ "$workers" =~ ^[0-9]+$ ]] || die "--workers must be a number of worker processes"
[[ "$workers" -eq 0 || "$db" == postgres ]] || die "--workers needs --db postgres (the workers share the database)"

export JAVA_OPTS="${JAVA_OPTS:--Xmx512m}"
work="$ISSUANCE_HOME/bench-work"
input="$work/input-$n"
run="$work/run-$db"
minimal="$run/minimal"
pg_host="${BENCH_PG_HOST:-127.0.0.1}" pg_port="${BENCH_PG_PORT:-5432}" pg_user="${BENCH_PG_USER:-postgres}"
pg_db="bench_issuance" pg_minimal_db="bench_minimal"
export PGOPTIONS="${PGOPTIONS:--c client_min_messages=warning}"
psql_admin() { psql -X -q -v ON_ERROR_STOP=1 -h "$pg_host" -p "$pg_port" -U "$pg_user" -d postgres "$@"; }
psql_bench() { psql -X -q -v ON_ERROR_STOP=1 -h "$pg_host" -p "$pg_port" -U "$pg_user" -d "$pg_db" "$@"; }
if [[ "$db" == postgres ]]; then
  command -v psql >/dev/null || die "psql is needed for --db postgres"
  if [[ $keep -eq 0 ]]; then
    trap 'psql_admin -c "DROP DATABASE IF EXISTS $pg_db" -c "DROP DATABASE IF EXISTS $pg_minimal_db" || true' EXIT
  fi
fi

# 1. Build the jar (lib.sh), then the generator and the yardstick from the test tree, against the test class path.
ensure_jar
mkdir -p "$work"
classpath_file="$work/test-classpath.txt"
if [[ ! -s "$classpath_file" || "$ISSUANCE_HOME/pom.xml" -nt "$classpath_file" ]]; then
  echo "Resolving the test class path with Maven ..." >&2
  (cd "$ISSUANCE_HOME" && ./mvnw -q dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$classpath_file") >&2 || die "cannot resolve the test class path"
fi
bench_sources="$ISSUANCE_HOME/src/test/java/com/example/cards/bench"
generator="$bench_sources/SyntheticData.java"
classes="$work/classes"
if [[ ! -f "$classes/.compiled" || "$classpath_file" -nt "$classes/.compiled" \
  || -n "$(find "$bench_sources" -name '*.java' -newer "$classes/.compiled" -print -quit)" ]]; then
  sources=()
  for source in "$bench_sources"/*.java; do [[ "$source" == *Tests.java ]] || sources+=("$source"); done
  rm -rf "$classes"
  mkdir -p "$classes"
  javac --release 17 -d "$classes" -cp "$(<"$classpath_file")" "${sources[@]}" || die "cannot compile $bench_sources"
  touch "$classes/.compiled"
fi

# 2. Synthetic input, cached per N (the generator is deterministic).
if [[ ! -f "$input/.complete" || "$generator" -nt "$input/.complete" ]]; then
  rm -rf "$input"
  echo "Generating $n synthetic requests in $input ..."
  java -cp "$classes" com.example.cards.bench.SyntheticData "$n" "$input"
  touch "$input/.complete"
fi

# Runs a command under /usr/bin/time (lib.sh execs java, so the figures are the JVM's own); logs to $run/$1.log.
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
round_label() { [[ $repeat -gt 1 ]] && echo ", round $1 of $repeat" || true; }

# Each round appends "round step issueCardsJob_ms minimal_ms" lines here, for the comparison and the medians.
compare="$work/compare-$db.txt"
: >"$compare"

# Remote partitioning (--workers K): K workers from the same jar on a queue of this run, their CPU time read from
# /proc between "ready" and the job's end (JVM start-up excluded), then stopped with SIGTERM.
queue="bench-issuance-$$"
worker_pids=()
cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$1/stat"; }
start_workers() {
  local i
  worker_pids=()
  for ((i = 1; i <= workers; i++)); do
    "$ISSUANCE_HOME/jobs/worker.sh" "${app_args[@]}" --issuance.remote.queue="$queue" \
      >"$run/worker-$i.log" 2>&1 &
    worker_pids+=($!)
  done
  for ((i = 1; i <= workers; i++)); do
    local waited=0
    until grep -q "Worker taking" "$run/worker-$i.log"; do
      kill -0 "${worker_pids[i - 1]}" 2>/dev/null || { tail -20 "$run/worker-$i.log" >&2; die "worker $i ended"; }
      sleep 1; waited=$((waited + 1)); [[ $waited -lt 300 ]] || die "worker $i not ready after 300 s"
    done
    cpu_seconds "${worker_pids[i - 1]}" >"$run/worker-$i.cpu0"
  done
  echo "  $workers worker(s) ready on queue $queue"
}
stop_workers() {
  local i
  for ((i = 1; i <= workers; i++)); do
    cpu_seconds "${worker_pids[i - 1]}" >"$run/worker-$i.cpu1"
    kill -TERM "${worker_pids[i - 1]}" 2>/dev/null || true
  done
  for pid in "${worker_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
# Per worker: partitions, requests written, busy seconds (first partition's start to last one's end), rate, CPU.
worker_report() {
  local i
  echo
  echo "== $workers worker(s), $n requests, $db: per worker (CPU from /proc, JVM start-up excluded) =="
  printf '%-8s %10s %10s %10s %12s %10s %14s\n' worker partitions requests "busy s" "records/s" "CPU s" "CPU ms/request"
  for ((i = 1; i <= workers; i++)); do
    awk -v w="$i" -v c0="$(cat "$run/worker-$i.cpu0")" -v c1="$(cat "$run/worker-$i.cpu1")" '
      function t(line) { split(substr(line, 12, 12), a, ":"); return a[1] * 3600 + a[2] * 60 + a[3] }
      /Running partition/ { if (first == "") first = t($0); p++ }
      / ended [A-Z]+: [0-9]+ written/ { last = t($0); for (k = 1; k <= NF; k++) if ($k == "written") sum += $(k - 1) }
      END { busy = last - first; cpu = c1 - c0;
        printf "%-8s %10d %10d %10.1f %12.0f %10.1f %14.2f\n", w, p, sum, busy, (busy > 0 ? sum / busy : 0), cpu,
          (sum > 0 ? cpu * 1000 / sum : 0) }' "$run/worker-$i.log"
  done
  echo "  records/s: the requests a worker wrote over its busy time; CPU ms/request: the worker's CPU between ready and"
  echo "  the job's end over its requests (what one request costs a worker, the figure for sizing W; docs/performance.md)"
}

# 3. The whole job: a fresh database, keystore and output directory; load the reference data, run issueCardsJob.
run_whole_job() {
  local round="$1" mode="${2:-local}"
  rm -rf "$run"
  mkdir -p "$run/output"
  app_args=(--issuance.crypto.keystore-path="$run/bench-keystore.p12" --issuance.crypto.keystore-password=bench-only
    --issuance.crypto.create-keystore-if-missing=true)
  if [[ "$db" == h2 ]]; then
    db_url="jdbc:h2:file:$run/db/issuance;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;MAX_COMPACT_TIME=60000${BENCH_H2_URL_OPTIONS:-}"
    app_args+=(--spring.datasource.url="$db_url")
  else
    psql_admin -c "DROP DATABASE IF EXISTS $pg_db" -c "CREATE DATABASE $pg_db"
    if [[ "$round" -eq 1 && "$(psql_admin -At -c 'SHOW autovacuum')" != on ]]; then
      echo "note: autovacuum is off on this server; the job analyses issuance_request itself before the issue step" \
        "(TableStatistics), which is what keeps that step from being planned for an empty table." >&2
    fi
    export ISSUANCE_DB_URL="jdbc:postgresql://$pg_host:$pg_port/$pg_db" ISSUANCE_DB_USER="$pg_user"
    # The postgres profile never creates a keystore: the benchmark's own is generated by a start on a throwaway
    # in-memory database with the embedded default's settings.
    "$ISSUANCE_HOME/jobs/load-reference-data.sh" --members "$ISSUANCE_HOME/sample-input/members.csv" \
      --products "$ISSUANCE_HOME/sample-input/products.csv" "${app_args[@]}" \
      --spring.datasource.url="jdbc:h2:mem:bench-keystore" >"$run/keystore.log" 2>&1 \
      || die "could not generate the benchmark's keystore (see $run/keystore.log)"
    app_args=(--issuance.crypto.keystore-path="$run/bench-keystore.p12" --issuance.crypto.keystore-password=bench-only
      --spring.profiles.active=postgres)
  fi
  app_args+=(${passthrough[@]+"${passthrough[@]}"})

  echo "Loading reference data ($(($(wc -l <"$input/members.csv") - 1)) members, 6 products) ..."
  JAVA_OPTS="$JAVA_OPTS" timed load "$ISSUANCE_HOME/jobs/load-reference-data.sh" --members "$input/members.csv" \
    --products "$input/products.csv" "${app_args[@]}"
  echo "  done in $(cat "$run/load.wall") s"

  job_args=("${app_args[@]}")
  if [[ "$mode" == remote ]]; then
    start_workers
    job_args+=(--issuance.partitioning=remote --issuance.remote.queue="$queue")
    [[ " ${passthrough[*]-} " == *" --issuance.grid-size="* ]] || job_args+=(--issuance.grid-size=$((4 * workers)))
  fi
  echo "Running issueCardsJob on $n requests ($db, $mode partitioning, JVM options: $(jvm_options)$(round_label "$round")) ..."
  local recording=""
  [[ $profile -eq 0 ]] || recording=" -XX:StartFlightRecording=filename=$run/job.jfr,settings=profile,dumponexit=true"
  JAVA_OPTS="$JAVA_OPTS -Xlog:gc:file=$run/gc.log$recording" timed job "$ISSUANCE_HOME/jobs/issue-cards.sh" \
    --input "$input/requests.csv" --batch-id "bench-$n" --run-date "$(date +%F)" --output-dir "$run/output" "${job_args[@]}"
  [[ "$mode" != remote ]] || stop_workers
  echo "  done in $(cat "$run/job.wall") s (process wall clock, including JVM start-up)"

  # Per-step figures from the job repository (the application has exited, so H2's file is free).
  local ms steps job codes cards gc_max
  if [[ "$db" == h2 ]]; then
    h2_jar="$(tr ':' '\n' <"$classpath_file" | grep '/h2-[0-9.]*\.jar$' | head -1)"
    query() {
      java -cp "$h2_jar" org.h2.tools.Shell -url "$db_url" -user sa -password "" -sql "$1" \
        | grep '^ROW;' | sed 's/ *$//'
    }
    ms="DATEDIFF('MILLISECOND', START_TIME, END_TIME)"
    at() { echo "FORMATDATETIME($1, 'yyyy-MM-dd''T''HH:mm:ss.SSS')"; }
  else
    query() { psql_bench -At -c "$1"; }
    ms="CAST(EXTRACT(EPOCH FROM (END_TIME - START_TIME)) * 1000 AS BIGINT)"
    at() { echo "TO_CHAR($1, 'YYYY-MM-DD\"T\"HH24:MI:SS.MS')"; }
  fi
  steps="$(query "SELECT 'ROW;' || STEP_NAME || ';' || COALESCE(READ_COUNT, 0) || ';' || COALESCE(WRITE_COUNT, 0) || ';' || $ms
    FROM BATCH_STEP_EXECUTION ORDER BY STEP_EXECUTION_ID")"
  job="$(query "SELECT 'ROW;' || STATUS || ';' || $ms FROM BATCH_JOB_EXECUTION ORDER BY JOB_EXECUTION_ID DESC FETCH FIRST 1 ROWS ONLY")"
  codes="$(query "SELECT 'ROW;' || COALESCE(o.result_code, '-') || ';' || COALESCE(o.status, 'PENDING') || ';' || COUNT(*)
    FROM issuance_request r LEFT JOIN request_outcome o ON o.request_pk = r.id
    GROUP BY o.result_code, o.status ORDER BY COUNT(*) DESC")"
  cards="$(query "SELECT 'ROW;' || card_role || ';' || COUNT(*) FROM card GROUP BY card_role ORDER BY card_role")"
  if [[ "$db" == h2 ]]; then
    whole_db_mb="$(du -sk "$run/db" | awk '{ printf "%.0f", $1 / 1024 }')"
  else
    whole_db_mb="$(psql_admin -At -c "SELECT pg_database_size('$pg_db') / 1048576")"
  fi

  echo
  echo "== issueCardsJob, $n requests, $db, $(nproc) cores, JVM options: $(jvm_options)$(round_label "$round") =="
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
  echo "Database size after the run: $whole_db_mb MB"
  echo "Process wall clock: load $(cat "$run/load.wall") s, job $(cat "$run/job.wall") s (JVM start-up included)"
  echo "Outputs: $run/output; logs: $run/*.log"
  if [[ $profile -eq 1 ]]; then
    # the top-level steps' windows (partitions run inside their manager step's)
    local windows
    windows="$(query "SELECT 'ROW;' || STEP_NAME || '=' || $(at START_TIME) || '..' || $(at END_TIME)
      FROM BATCH_STEP_EXECUTION WHERE STEP_NAME NOT LIKE '%:%' ORDER BY STEP_EXECUTION_ID" | cut -d';' -f2)"
    echo
    echo "== where each step spent its time (JFR, $run/job.jfr) =="
    # shellcheck disable=SC2086 # one word per step window
    java -cp "$classes" com.example.cards.bench.ProfileByStep "$run/job.jfr" $windows | tee "$run/profile.txt"
  fi

  whole_status="$(printf '%s\n' "$job" | cut -d';' -f2)"
  [[ "$whole_status" == COMPLETED ]] || { echo "issueCardsJob did not complete ($whole_status)." >&2; exit 1; }
  ms_of() { printf '%s\n' "$steps" | awk -F';' -v s="$1" '$2 == s { print $5 }'; }
  {
    echo "$round stage $(ms_of stageRequests)"
    echo "$round issue $(ms_of issueCards)"
    echo "$round export $(ms_of exportOutputs)"
    echo "$round overall $(printf '%s\n' "$job" | cut -d';' -f3)"
  } >"$run/whole.ms"
}

# 4. The yardstick: the minimal job on the same input, in a fresh database of the same kind.
run_minimal_job() {
  local round="$1" url user report
  rm -rf "$minimal"
  mkdir -p "$minimal"
  if [[ "$db" == h2 ]]; then
    url="jdbc:h2:file:$minimal/db/minimal;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;MAX_COMPACT_TIME=60000${BENCH_H2_URL_OPTIONS:-}" user=sa
  else
    psql_admin -c "DROP DATABASE IF EXISTS $pg_minimal_db" -c "CREATE DATABASE $pg_minimal_db"
    url="jdbc:postgresql://$pg_host:$pg_port/$pg_minimal_db" user="$pg_user"
  fi
  echo
  echo "Running minimalIssueJob (the yardstick) on $n requests ($db, JVM options: $(jvm_options)$(round_label "$round")) ..."
  # shellcheck disable=SC2046 # the options are words, as in lib.sh
  timed minimal-job java $(jvm_options) -cp "$classes:$(<"$classpath_file")" com.example.cards.bench.MinimalIssueJob \
    "$input/requests.csv" "$minimal/results.csv" "$url" "$user"
  echo "  done in $(cat "$run/minimal-job.wall") s (process wall clock, including JVM start-up)"
  report="$(grep '^YARDSTICK ' "$run/minimal-job.log" | tail -1)"
  [[ -n "$report" ]] || die "minimalIssueJob printed no report (see $run/minimal-job.log)"
  field() { printf '%s\n' "$report" | tr ' ' '\n' | awk -F= -v k="$1" '$1 == k { print $2 }'; }
  local job_ms step_ms read_ms process_ms table_ms file_ms rest_ms minimal_db_mb
  job_ms="$(field job_ms)" step_ms="$(field step_ms)" read_ms="$(field read_ms)" process_ms="$(field process_ms)"
  table_ms="$(field table_ms)" file_ms="$(field file_ms)"
  rest_ms=$((step_ms - read_ms - process_ms - table_ms - file_ms))
  if [[ "$db" == h2 ]]; then
    minimal_db_mb="$(du -sk "$minimal/db" | awk '{ printf "%.0f", $1 / 1024 }')"
  else
    minimal_db_mb="$(psql_admin -At -c "SELECT pg_database_size('$pg_minimal_db') / 1048576")"
  fi

  echo
  echo "== minimalIssueJob, $n requests, $db$(round_label "$round"): one chunk step, chunks of 1,000 =="
  printf '%-30s %10s %12s\n' "part of its step" seconds "records/s"
  awk -v n="$n" -v r="$read_ms" -v p="$process_ms" -v t="$table_ms" -v f="$file_ms" -v o="$rest_ms" \
    -v s="$step_ms" -v j="$job_ms" 'function row(name, ms) {
      printf "%-30s %10.2f %12.0f\n", name, ms / 1000, (ms > 0 ? n * 1000 / ms : 0) }
    BEGIN { row("reader (read, parse)", r); row("processor (Luhn, AES-GCM)", p); row("table writer (JDBC batch)", t);
      row("result-file writer", f); row("the rest (commits, repository)", o); row("step", s);
      row("overall (job start to end)", j) }'
  echo "Status $(field status): read $(field read), written $(field written)"
  echo "Memory: peak RSS of its JVM $(max_rss_mb minimal-job) MB; database size after the run: $minimal_db_mb MB"
  echo "Output: $minimal/results.csv; log: $run/minimal-job.log"
  [[ "$(field status)" == COMPLETED ]] || { echo "minimalIssueJob did not complete." >&2; exit 1; }

  {
    echo "$round stage $read_ms"
    echo "$round issue $((step_ms - read_ms - file_ms))"
    echo "$round export $file_ms"
    echo "$round overall $job_ms"
  } >"$run/minimal.ms"
}

# Prints "step, both jobs' seconds and rates, ratio" for the rows of $compare given on stdin ("round step whole_ms
# minimal_ms").
comparison_rows() {
  awk -v n="$n" '{
    w = $3 / 1000; m = $4 / 1000
    printf "%-10s %10.2f %12.0f %10.2f %12.0f %8s\n", $2, w, (w > 0 ? n / w : 0), m, (m > 0 ? n / m : 0),
      (w > 0 ? sprintf("%.2f", m / w) : "-") }'
}
comparison_header() {
  printf '%-10s %23s %23s %8s\n' "" "issueCardsJob" "minimalIssueJob" ""
  printf '%-10s %10s %12s %10s %12s %8s\n' step seconds "records/s" seconds "records/s" ratio
}
comparison_notes() {
  echo "  records/s per input request (N = $n) for both; ratio = issueCardsJob's rate / minimalIssueJob's"
  echo "  (= minimal seconds / issueCardsJob seconds; 1.00 = as fast as the floor). The minimal job's stage is the time in"
  echo "  its reader, its export the time in its result-file writer, its issue the rest of its one step."
}

if [[ $workers -gt 0 ]]; then
  for ((round = 1; round <= repeat; round++)); do
    run_whole_job "$round" local
    cp "$run/whole.ms" "$work/single.ms"
    run_whole_job "$round" remote
    worker_report
    echo
    echo "== single process against a manager with $workers worker(s), $n requests, $db$(round_label "$round") =="
    printf '%-10s %12s %12s %12s %12s\n' step "single s" "single/s" "remote s" "remote/s"
    paste -d ' ' "$work/single.ms" "$run/whole.ms" | awk -v n="$n" '{ a = $3 / 1000; b = $6 / 1000
      printf "%-10s %12.2f %12.0f %12.2f %12.0f\n", $2, a, (a > 0 ? n / a : 0), b, (b > 0 ? n / b : 0) }'
  done
  exit 0
fi

for ((round = 1; round <= repeat; round++)); do
  run_whole_job "$round"
  run_minimal_job "$round"
  paste -d ' ' "$run/whole.ms" "$run/minimal.ms" | awk '{ print $1, $2, $3, $6 }' >>"$compare"
  echo
  echo "== issueCardsJob against the minimal job, $n requests, $db$(round_label "$round") =="
  comparison_header
  for step in stage issue export overall; do
    awk -v r="$round" -v s="$step" '$1 == r && $2 == s { print }' "$compare"
  done | comparison_rows
  comparison_notes
done

if [[ $repeat -gt 1 ]]; then
  echo
  echo "== median of $repeat rounds, $n requests, $db: issueCardsJob against the minimal job =="
  printf '%-10s %12s %16s %16s   %s\n' step ratio "issueCardsJob/s" "minimal/s" "ratio per round"
  median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
  for step in stage issue export overall; do
    rows="$(awk -v s="$step" '$2 == s' "$compare")"
    ratio="$(printf '%s\n' "$rows" | awk '{ print ($3 > 0 ? $4 / $3 : 0) }' | median)"
    whole_rate="$(printf '%s\n' "$rows" | awk -v n="$n" '{ print ($3 > 0 ? n * 1000 / $3 : 0) }' | median)"
    minimal_rate="$(printf '%s\n' "$rows" | awk -v n="$n" '{ print ($4 > 0 ? n * 1000 / $4 : 0) }' | median)"
    per_round="$(printf '%s\n' "$rows" | sort -n | awk '{ printf "%s%.2f", (NR > 1 ? " " : ""), ($3 > 0 ? $4 / $3 : 0) }')"
    printf '%-10s %12.2f %16.0f %16.0f   %s\n' "$step" "$ratio" "$whole_rate" "$minimal_rate" "$per_round"
  done
  echo "  the median of each column on its own (so a row's ratio need not equal its rates' quotient)"
fi
