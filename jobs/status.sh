#!/usr/bin/env bash
# What happened to a batch: the job executions of its issue or staging runs, reruns and previews with their status
# and per-step counts, its requests per status and per result code, and the one command to run next. Without an
# argument, lists the latest executions of every job.
#   jobs/status.sh [--batch-id ID | EXECUTION_ID]   [--spring.*=... ...]
# A running execution shows its latest progress (records done/total, rate, ETA). Read-only: no schema migration, no
# keystore (the read-only profile).
# Exit codes: 0 printed, 2 no such batch or execution.
source "$(dirname "$0")/lib.sh"

parse_run_args optional "$@"
unless_given --logging.level.root=ERROR --logging.level.com.example.cards=WARN \
  --logging.level.org.springframework.batch=WARN
run_app --issuance.command=status --spring.profiles.include=read-only "${defaults[@]}" "${run_args[@]}"
