#!/usr/bin/env bash
# Stops a running run of any job (issue, staging, rerun, preview) from any host that reaches its database: the stop is
# recorded in the job repository, and the process running it ends the run STOPPED at its next chunk boundary (exit 4
# there), restartable with jobs/restart.sh. By batch id it stops the batch's run that is running.
#   jobs/stop.sh EXECUTION_ID | --batch-id ID   [--spring.*=... ...]
# Exit codes: 0 the stop was requested (or already had been), 2 unknown id, 3 nothing of it is running (a run marked
# running whose process is gone was killed: jobs/restart.sh resumes it).
source "$(dirname "$0")/lib.sh"

parse_run_args required "$@"
unless_given --logging.level.root=ERROR --logging.level.com.example.cards=WARN \
  --logging.level.org.springframework.batch=WARN
run_app --issuance.command=stop "${defaults[@]}" "${run_args[@]}"
