#!/usr/bin/env bash
# Brings an interrupted run to its end: resumes a FAILED or STOPPED run from its last committed chunk, and first
# recovers a run that was killed (left STARTED with its run lock free).
#   jobs/restart.sh EXECUTION_ID | --batch-id ID   [--spring.*=... ...]
# Exit codes: 0 completed, 1 failed again (fix the cause, run it again), 2 unknown id, 3 already completed,
# 4 stopped, 5 the batch is running in another process.
source "$(dirname "$0")/lib.sh"

args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --batch-id) [[ $# -ge 2 ]] || die "--batch-id needs a value"; args+=("--batch-id=$2"); shift 2 ;;
    --execution-id) [[ $# -ge 2 ]] || die "--execution-id needs a value"; args+=("--execution-id=$2"); shift 2 ;;
    --spring.*|--issuance.*) args+=("$1"); shift ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    [0-9]*) args+=("--execution-id=$1"); shift ;;
    *) die "unknown option '$1' (see --help)" ;;
  esac
done
[[ ${#args[@]} -gt 0 ]] || die "give a job execution id or --batch-id ID (jobs/status.sh lists them)"
run_app --issuance.command=restart "${args[@]}"
