#!/usr/bin/env bash
# Issues debit cards for every request in a CSV file, or for the pending requests of the staging table.
#   jobs/issue-cards.sh --input FILE [--batch-id ID] [--run-date yyyy-MM-dd] [--output-dir DIR]
#                       [--encoding UTF-8|MS949] [--dry-run] [--spring.*=... ...]
#   jobs/issue-cards.sh --source staging [--batch-id ID] --run-date yyyy-MM-dd [--output-dir DIR] [--spring.*=...]
# Both take [--card-data-jwks FILE [--card-data-key-id KID]] [--manifest-pgp-key FILE [--manifest-pgp-fingerprint FPR]]:
# the card-data file for the service provider (JWE per record) and the courier's encrypted manifest (docs/interfaces.md).
# CSV: the batch id defaults to the file name without its extension; the run date to today.
# --dry-run previews the file: every format and issuance rule is checked, <batchId>-preview-rejections.csv and
# <batchId>-preview-summary.json are written, and nothing is issued (the batch id stays free for the real run).
# Staging: one batch, or without --batch-id every staging batch pending up to now (the nightly run).
# Exit codes: 0 completed (rejected records are normal), 1 failed (run the same command again to resume),
# 2 bad parameters or input file (nothing issued), 3 already completed (the same file again: the earlier outputs are
# printed, nothing is issued), 4 stopped, 5 already running.
source "$(dirname "$0")/lib.sh"

input="" batch_id="" run_date="" output_dir="" encoding="UTF-8" source="csv" job=issueCardsJob
passthrough=() key_params=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --input) [[ $# -ge 2 ]] || die "--input needs a file"; input="$2"; shift 2 ;;
    --source) [[ $# -ge 2 ]] || die "--source needs csv or staging"; source="$2"; shift 2 ;;
    --batch-id) [[ $# -ge 2 ]] || die "--batch-id needs a value"; batch_id="$2"; shift 2 ;;
    --run-date) [[ $# -ge 2 ]] || die "--run-date needs a date"; run_date="$2"; shift 2 ;;
    --output-dir) [[ $# -ge 2 ]] || die "--output-dir needs a directory"; output_dir="$(absolute "$2")"; shift 2 ;;
    --encoding) [[ $# -ge 2 ]] || die "--encoding needs a value"; encoding="$2"; shift 2 ;;
    --dry-run) job=previewCardsJob; shift ;;
    --card-data-jwks) [[ $# -ge 2 ]] || die "--card-data-jwks needs a JWKS file"; key_params+=("cardDataJwks=$(absolute "$2")"); shift 2 ;;
    --card-data-key-id) [[ $# -ge 2 ]] || die "--card-data-key-id needs a kid"; key_params+=("cardDataKeyId=$2"); shift 2 ;;
    --manifest-pgp-key) [[ $# -ge 2 ]] || die "--manifest-pgp-key needs a key file"; key_params+=("manifestPgpKey=$(absolute "$2")"); shift 2 ;;
    --manifest-pgp-fingerprint) [[ $# -ge 2 ]] || die "--manifest-pgp-fingerprint needs a fingerprint"; key_params+=("manifestPgpFingerprint=$2"); shift 2 ;;
    --spring.*|--issuance.*|--logging.*|--management.*) passthrough+=("$1"); shift ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) die "unknown option '$1' (see --help)" ;;
  esac
done
if [[ "$source" == "staging" ]]; then
  [[ -z "$input" ]] || die "--input is for CSV files; --source staging reads the staging table"
  [[ "$job" == "issueCardsJob" ]] || die "--dry-run previews a CSV file, not the staging table"
  [[ -n "$run_date" ]] || run_date="$(date +%F)"
  params=("runDate=$run_date")
  [[ -n "$batch_id" ]] && params+=("batchId=$batch_id")
  [[ -n "$output_dir" ]] && params+=("outputDir=$output_dir")
  run_app --spring.batch.job.name=issueStagedJob "${passthrough[@]}" "${params[@]}" "${key_params[@]}"
fi
[[ "$source" == "csv" ]] || die "--source must be csv or staging"
[[ -n "$input" ]] || die "--input FILE is required"
if [[ -z "$batch_id" ]]; then
  name="$(basename "$input")"
  batch_id="$(printf '%s' "${name%.*}" | tr -c 'A-Za-z0-9_-' '_' | cut -c1-40)"
fi
[[ -n "$run_date" ]] || run_date="$(date +%F)"

params=("batchId=$batch_id" "runDate=$run_date" "inputFile=$(absolute "$input")" "encoding=$encoding")
[[ -n "$output_dir" ]] && params+=("outputDir=$output_dir")
run_app --spring.batch.job.name="$job" "${passthrough[@]}" "${params[@]}" "${key_params[@]}"
