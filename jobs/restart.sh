#!/usr/bin/env bash
# Brings an interrupted run to its end, for any job (issue, staging, rerun, preview): resumes a FAILED or STOPPED
# run from its last committed chunk, and first recovers a run that was killed (left STARTED with its run lock free).
# By batch id it resumes the oldest unfinished issue, staging run or rerun of the batch; when none is unfinished,
# its newest preview if that one failed or stopped (an older preview was superseded: run the preview again).
#   jobs/restart.sh EXECUTION_ID | --batch-id ID   [--spring.*=... ...]
# Exit codes: 0 completed, 1 failed again (fix the cause, run it again), 2 unknown id, 3 already completed,
# 4 stopped, 5 the batch is running in another process.
source "$(dirname "$0")/lib.sh"

parse_run_args required "$@"
run_app --issuance.command=restart "${run_args[@]}"
