#!/usr/bin/env bash
# What happened to a batch: its job executions with their status and per-step counts, its requests per status and per
# result code, and the one command to run next. Without an argument, lists the latest executions.
#   jobs/status.sh [--batch-id ID | EXECUTION_ID]   [--spring.*=... ...]
# Exit codes: 0 printed, 2 no such batch or execution.
source "$(dirname "$0")/lib.sh"

args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --batch-id) [[ $# -ge 2 ]] || die "--batch-id needs a value"; args+=("--batch-id=$2"); shift 2 ;;
    --execution-id) [[ $# -ge 2 ]] || die "--execution-id needs a value"; args+=("--execution-id=$2"); shift 2 ;;
    --spring.*|--issuance.*) args+=("$1"); shift ;;
    -h|--help) sed -n '2,6p' "$0"; exit 0 ;;
    [0-9]*) args+=("--execution-id=$1"); shift ;;
    *) die "unknown option '$1' (see --help)" ;;
  esac
done
run_app --issuance.command=status --logging.level.root=ERROR --logging.level.com.example.cards=WARN \
  --logging.level.org.springframework.batch=WARN "${args[@]}"
