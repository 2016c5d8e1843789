#!/usr/bin/env bash
# The nightly run for a scheduler: issues every request that upstream systems left PENDING in the staging table.
#   jobs/nightly-issuance.sh [--run-date yyyy-MM-dd] [--output-dir DIR] [--spring.*=... ...]
#                            [--card-data-jwks FILE [--card-data-key-id KID]] [--manifest-pgp-key FILE [--manifest-pgp-fingerprint FPR]]
# The run date defaults to the business date: today in ISSUANCE_BUSINESS_TZ (default Asia/Seoul).
# Exit codes (README "Exit codes"): 0 completed, 1 failed (run again: it resumes), 2 bad parameters,
# 3 the nightly run for this date already completed (nothing done; --issuance.already-completed-exit-code=0 makes it
# 0), 4 stopped, 5 already running.
source "$(dirname "$0")/lib.sh"

run_date="" rest=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --run-date) [[ $# -ge 2 ]] || die "--run-date needs a date"; run_date="$2"; shift 2 ;;
    --batch-id) die "the nightly run takes every staging batch; for one batch use jobs/issue-cards.sh --source staging --batch-id ID" ;;
    -h|--help) usage; exit 0 ;;
    *) rest+=("$1"); shift ;;
  esac
done
[[ -n "$run_date" ]] || run_date="$(TZ="${ISSUANCE_BUSINESS_TZ:-Asia/Seoul}" date +%F)"

# exec: the JVM replaces this shell, so a SIGTERM (a scheduler's stop, a Kubernetes pod's end) reaches it and the run
# stops at a chunk boundary (exit 4). Exit 3 is the application's own: --issuance.already-completed-exit-code=0 makes
# it 0 for a scheduler that counts it as success (jobs/k8s/nightly-issuance-cronjob.yaml).
exec "$ISSUANCE_HOME/jobs/issue-cards.sh" --source staging --run-date "$run_date" "${rest[@]}"
