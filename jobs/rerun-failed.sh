#!/usr/bin/env bash
# Reruns the rejected records of a completed batch once their cause is fixed (a wallet or a member activated, a
# member's identity corrected), as a new, numbered rerun of that batch with delta outputs.
#   jobs/rerun-failed.sh --batch-id ID [--codes 003_064,001_006] [--run-date yyyy-MM-dd] [--output-dir DIR]
#                        [--card-data-jwks FILE [--card-data-key-id KID]] [--manifest-pgp-key FILE [--manifest-pgp-fingerprint FPR]]
#                        [--spring.*=... ...]
# --codes defaults to the retryable codes 001_006, 003_063 and 003_064; product-rule codes (003_06x) are retried
# only when named. 000_002 (format errors: correct the file) and 900_001 (duplicates) are refused. The run date (the
# date the cards are issued on) defaults to today. Outputs: <batchId>-rerun-001-results.csv, -rejections.csv,
# -manifest.csv and -summary.json (002 for the second rerun, and so on).
# Exit codes: 0 completed, 1 failed (run the same command again to resume the same rerun), 2 refused (unknown or
# unfinished batch, codes that cannot be rerun; nothing done), 4 stopped, 5 the batch is running.
source "$(dirname "$0")/lib.sh"

batch_id="" codes="" run_date="" output_dir=""
passthrough=() key_params=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --batch-id) [[ $# -ge 2 ]] || die "--batch-id needs a value"; batch_id="$2"; shift 2 ;;
    --codes) [[ $# -ge 2 ]] || die "--codes needs a comma-separated list of result codes"; codes="$2"; shift 2 ;;
    --run-date) [[ $# -ge 2 ]] || die "--run-date needs a date"; run_date="$2"; shift 2 ;;
    --output-dir) [[ $# -ge 2 ]] || die "--output-dir needs a directory"; output_dir="$(absolute "$2")"; shift 2 ;;
    --card-data-jwks) [[ $# -ge 2 ]] || die "--card-data-jwks needs a JWKS file"; key_params+=("cardDataJwks=$(absolute "$2")"); shift 2 ;;
    --card-data-key-id) [[ $# -ge 2 ]] || die "--card-data-key-id needs a kid"; key_params+=("cardDataKeyId=$2"); shift 2 ;;
    --manifest-pgp-key) [[ $# -ge 2 ]] || die "--manifest-pgp-key needs a key file"; key_params+=("manifestPgpKey=$(absolute "$2")"); shift 2 ;;
    --manifest-pgp-fingerprint) [[ $# -ge 2 ]] || die "--manifest-pgp-fingerprint needs a fingerprint"; key_params+=("manifestPgpFingerprint=$2"); shift 2 ;;
    --spring.*|--issuance.*|--logging.*|--management.*) passthrough+=("$1"); shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) die "unknown option '$1' (see --help)" ;;
  esac
done
[[ -n "$batch_id" ]] || die "--batch-id ID is required"
[[ -n "$run_date" ]] || run_date="$(date +%F)"

params=("batchId=$batch_id" "runDate=$run_date")
[[ -n "$codes" ]] && params+=("codes=$codes")
[[ -n "$output_dir" ]] && params+=("outputDir=$output_dir")
run_app --spring.batch.job.name=rerunFailedJob "${passthrough[@]}" "${params[@]}" "${key_params[@]}"
