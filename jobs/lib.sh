# Shared by the scripts in jobs/: finds the project, builds the jar when it is missing or older than the sources,
# and runs the application. Sourced, not run.
set -euo pipefail

ISSUANCE_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ISSUANCE_JAR="${ISSUANCE_JAR:-$ISSUANCE_HOME/target/bulk-issuance.jar}"

die() { echo "$(basename "$0"): $*" >&2; exit 2; }

# Makes a path absolute against the caller's working directory (the application runs from the project folder).
absolute() {
  case "$1" in
    /*) printf '%s\n' "$1" ;;
    *) printf '%s/%s\n' "$PWD" "$1" ;;
  esac
}

ensure_jar() {
  if [[ -f "$ISSUANCE_JAR" && -z "$(find "$ISSUANCE_HOME/src/main" "$ISSUANCE_HOME/pom.xml" -newer "$ISSUANCE_JAR" -print -quit 2>/dev/null)" ]]; then
    return
  fi
  echo "Building $ISSUANCE_JAR ..." >&2
  (cd "$ISSUANCE_HOME" && ./mvnw -q -DskipTests package) >&2 || die "the build failed"
}

# The JVM options of every script: JAVA_OPTS, plus the throughput collector unless JAVA_OPTS names a collector. A batch
# run has no pauses to keep short, and on PostgreSQL at 1,000,000 requests the job ran about 10% faster with it than
# with the default G1 (docs/performance.md).
jvm_options() {
  local opts="${JAVA_OPTS:-}"
  [[ "$opts" =~ -XX:\+Use[A-Za-z0-9]+GC ]] || opts="-XX:+UseParallelGC${opts:+ $opts}"
  printf '%s\n' "$opts"
}

# Replaces the shell with the JVM (exec), so that signals reach it: SIGTERM stops a run at a chunk boundary. In the
# container image (jobs/k8s/Dockerfile) ISSUANCE_APP_DIR names the extracted layered jar, started by Boot's launcher.
run_app() {
  cd "$ISSUANCE_HOME"
  if [[ -n "${ISSUANCE_APP_DIR:-}" ]]; then
    # shellcheck disable=SC2046
    exec java $(jvm_options) -cp "$ISSUANCE_APP_DIR" org.springframework.boot.loader.launch.JarLauncher "$@"
  fi
  ensure_jar
  # shellcheck disable=SC2046 # the options are words, as JAVA_OPTS always was
  exec java $(jvm_options) -jar "$ISSUANCE_JAR" "$@"
}

# Prints a script's usage: its comment block after the shebang.
usage() {
  sed -n '2,/^[^#]/{/^#/p;}' "$0"
}

# Reads the arguments of jobs/status.sh, jobs/restart.sh and jobs/stop.sh into the array run_args: which run
# (EXECUTION_ID, --execution-id N or --batch-id ID) and --spring.*, --issuance.*, --logging.* and --management.*
# options, passed on. It only joins an option and its value into one argument and passes a bare id on as it is: the
# application (cli/RunSelector.java) decides what an id is and refuses both kinds, or more than one, at once. With
# "required" as its first argument, a run must be named.
parse_run_args() {
  local need="$1" named=""
  shift
  run_args=()
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --batch-id|--execution-id) [[ $# -ge 2 ]] || die "$1 needs a value"; run_args+=("$1=$2"); named=y; shift 2 ;;
      --batch-id=*|--execution-id=*) run_args+=("$1"); named=y; shift ;;
      --spring.*|--issuance.*|--logging.*|--management.*) run_args+=("$1"); shift ;;
      -h|--help) usage; exit 0 ;;
      -*) die "unknown option '$1' (see --help)" ;;
      *) run_args+=("$1"); named=y; shift ;;
    esac
  done
  [[ "$need" != required || -n "$named" ]] || die "give a job execution id or --batch-id ID (jobs/status.sh lists them)"
}

# Sets the array defaults to those of "$@" (--key=value) whose key run_args does not set: a script's own defaults give
# way to an operator's option (Spring would join both values into one).
unless_given() {
  defaults=()
  local d
  for d in "$@"; do
    [[ " ${run_args[*]-} " == *" ${d%%=*}="* ]] || defaults+=("$d")
  done
}
