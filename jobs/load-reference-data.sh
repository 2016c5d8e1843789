#!/usr/bin/env bash
# Loads members and card products into the configured database (the embedded H2 by default).
#   jobs/load-reference-data.sh --members FILE --products FILE [--spring.*=... ...]
# Loading a file again replaces the rows it names. RRNs become keyed hashes on load and are never stored.
source "$(dirname "$0")/lib.sh"

args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --members) [[ $# -ge 2 ]] || die "--members needs a file"; args+=("--members=$(absolute "$2")"); shift 2 ;;
    --products) [[ $# -ge 2 ]] || die "--products needs a file"; args+=("--products=$(absolute "$2")"); shift 2 ;;
    --spring.*|--issuance.*|--logging.*|--management.*) args+=("$1"); shift ;;
    -h|--help) sed -n '2,4p' "$0"; exit 0 ;;
    *) die "unknown option '$1' (see --help)" ;;
  esac
done
[[ ${#args[@]} -gt 0 ]] || die "give --members FILE and/or --products FILE"
run_app --issuance.command=load-reference-data "${args[@]}"
