#!/usr/bin/env bash
# The demo: builds the jar if needed, loads the sample members and products into the embedded database, and issues
# cards for sample-input/requests.csv under a fresh batch id. Prints where the outputs are.
source "$(dirname "$0")/lib.sh"
here="$ISSUANCE_HOME/jobs"
"$here/load-reference-data.sh" --members "$ISSUANCE_HOME/sample-input/members.csv" \
  --products "$ISSUANCE_HOME/sample-input/products.csv" "$@"
exec "$here/issue-cards.sh" --input "$ISSUANCE_HOME/sample-input/requests.csv" \
  --batch-id "sample-$(date +%Y%m%d-%H%M%S)" "$@"
