#!/usr/bin/env bash
# The nightly run for a scheduler: issues every request that upstream systems left PENDING in the staging table.
#   jobs/nightly-issuance.sh [--run-date yyyy-MM-dd] [--output-dir DIR] [--spring.*=... ...]
# The run date defaults to the business date: today in ISSUANCE_BUSINESS_TZ (default Asia/Seoul).
# Exit codes (README "Exit codes"): 0 completed, 1 failed (run again: it resumes), 2 bad parameters,
# 3 the nightly run for this date already completed (nothing done), 4 stopped, 5 already running.
source "$(dirname "$0")/lib.sh"

run_date="" rest=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --run-date) [[ $# -ge 2 ]] || die "--run-date needs a date"; run_date="$2"; shift 2 ;;
    --batch-id) die "the nightly run takes every staging batch; for one batch use jobs/issue-cards.sh --source staging --batch-id ID" ;;
    -h|--help) sed -n '2,6p' "$0"; exit 0 ;;
    *) rest+=("$1"); shift ;;
  esac
done
[[ -n "$run_date" ]] || run_date="$(TZ="${ISSUANCE_BUSINESS_TZ:-Asia/Seoul}" date +%F)"

set +e
"$ISSUANCE_HOME/jobs/issue-cards.sh" --source staging --run-date "$run_date" "${rest[@]}"
code=$?
set -e
if [[ $code -eq 3 ]]; then
  echo "nightly-issuance: the nightly run for $run_date had already completed; nothing was done (exit 3)" >&2
fi
exit $code
