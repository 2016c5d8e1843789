#!/usr/bin/env bash
# Starts a remote-partitioning worker: takes partitions of the issue step from RabbitMQ and runs them against the shared
# database, for any batch and any job, until it is stopped (SIGTERM: the chunk in hand is committed, the partition ends
# STOPPED and restartable, then the process exits). It needs the database, the broker and the keystore; nothing else.
#   jobs/worker.sh [--spring.*=... --issuance.*=...]
# Same settings as the manager for the database (e.g. --spring.profiles.active=postgres,worker with ISSUANCE_DB_URL),
# the keystore (issuance.crypto.*) and the queue (issuance.remote.queue); the broker is spring.rabbitmq.* (host, port,
# username, password, virtual-host, ssl.*). issuance.remote.worker-threads partitions run at once (default 2),
# issuance.chunk-size requests per transaction. The manager: jobs/issue-cards.sh ... --issuance.partitioning=remote.
source "$(dirname "$0")/lib.sh"

args=()
profiles=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --spring.profiles.active=*) profiles="${1#*=}"; shift ;;
    --spring.*|--issuance.*) args+=("$1"); shift ;;
    -h|--help) usage; exit 0 ;;
    *) die "unknown option '$1' (see --help)" ;;
  esac
done
# the worker profile, added to the ones asked for (SPRING_PROFILES_ACTIVE too)
profiles="${profiles:-${SPRING_PROFILES_ACTIVE:-}}"
[[ ",$profiles," == *",worker,"* ]] || profiles="${profiles:+$profiles,}worker"
run_app --spring.profiles.active="$profiles" ${args[@]+"${args[@]}"}
