#!/bin/bash
# What the subscription costs the WMS: pgbench's latency on the primary with the subscription
# running and with it stopped, in alternation. It is a benchmark, not a test: the build never
# runs it.
#
#   primary-cost.sh PRIMARY REPLICA RATE SECONDS ROUNDS MIX
#
# PRIMARY, REPLICA, RATE and MIX are those of sustained.sh. Each round runs the load at RATE for
# SECONDS twice: with the subscription disabled, then enabled (it catches up first). The service
# runs or not as the caller chose. PGBENCH names pgbench.
#
# When PRIMARY_CPUS and REPLICA_CPUS are set (taskset lists, such as 0 and 1), every process of
# the primary's cluster and pgbench run on the first, and every process of the replica's cluster
# (and WMS_ANALYTICS_PID's, if given) on the second: on one machine, that keeps the replica's
# work (the apply, the refreshes) off the primary's CPUs, as another host would, so that what
# remains is the primary's own cost of the subscription, its walsender. PRIMARY_PID and
# REPLICA_PID name the two postmasters.
set -euo pipefail

if [ $# -ne 6 ]; then
    echo "usage: primary-cost.sh PRIMARY REPLICA RATE SECONDS ROUNDS realistic|harsh" >&2
    exit 2
fi
primary=$1 replica=$2 rate=$3 seconds=$4 rounds=$5 mix=$6
here=$(cd "$(dirname "$0")" && pwd)
pgbench=${PGBENCH:-pgbench}
. "$here/mix.sh"
mix_scripts primary-cost.sh "$mix"
q() { psql -X -q -At -v ON_ERROR_STOP=1 "$@"; }
pin() { # cpus postmaster-pid: the postmaster and every process it started
    local p
    for p in "$2" $(pgrep -P "$2"); do taskset -a -p -c "$1" "$p" > /dev/null; done
}
bench=("$pgbench")
if [ -n "${PRIMARY_CPUS:-}" ]; then
    : "${PRIMARY_PID:?PRIMARY_PID names the primary's postmaster}" "${REPLICA_PID:?REPLICA_PID names the replica's postmaster}"
    bench=(taskset -c "$PRIMARY_CPUS" "$pgbench")
fi

psql -X -q -f "$here/setup.sql" "$primary" > /dev/null 2>&1
read -r -a vars <<< "$(q -f "$here/variables.sql" "$primary")"
work=$(mktemp -d)
trap 'q -c "ALTER SUBSCRIPTION wms_analytics_sub ENABLE" "$replica" || true' EXIT

for round in $(seq 1 "$rounds"); do
    for state in stopped running; do
        if [ "$state" = stopped ]; then
            q -c "ALTER SUBSCRIPTION wms_analytics_sub DISABLE" "$replica"
        else
            q -c "ALTER SUBSCRIPTION wms_analytics_sub ENABLE" "$replica"
            until q -c "SELECT count(*) > 0 FROM pg_stat_replication WHERE application_name = 'wms_analytics_sub'
                        AND replay_lsn >= pg_current_wal_insert_lsn() - 65536" "$primary" | grep -q t; do
                sleep 0.5
            done
        fi
        sleep 5
        if [ -n "${PRIMARY_CPUS:-}" ]; then
            pin "$PRIMARY_CPUS" "$PRIMARY_PID"
            pin "$REPLICA_CPUS" "$REPLICA_PID"
            if [ -n "${WMS_ANALYTICS_PID:-}" ]; then taskset -a -p -c "$REPLICA_CPUS" "$WMS_ANALYTICS_PID" > /dev/null; fi
        fi
        out="$work/$state-$round"
        mkdir -p "$out"
        "${bench[@]}" -n -R "$rate" -T "$seconds" -c 8 -j 2 -l --log-prefix="$out/tx" "${vars[@]}" "${scripts[@]}" \
            "$primary" > "$out/pgbench.out" 2>&1
        cat "$out"/tx.* | awk '{ print $3 / 1000 }' | sort -g | awk -v s="$state" -v r="$round" '{ v[NR] = $1 } END {
            printf "%s %d %.2f %.2f %d\n", s, r, v[int((NR - 1) * 0.5) + 1], v[int((NR - 1) * 0.99) + 1], NR }' |
            tee -a "$work/results"
    done
done

echo "== pgbench latency on the primary at $rate tx/s ($mix mix), $seconds s per trial, $rounds rounds" \
    "${PRIMARY_CPUS:+(primary on CPUs $PRIMARY_CPUS, replica on $REPLICA_CPUS)}"
median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
for state in stopped running; do
    printf "  subscription %-8s p99 median %s ms (each round: %s ms)\n" "$state" \
        "$(awk -v s="$state" '$1 == s { print $4 }' "$work/results" | median)" \
        "$(awk -v s="$state" '$1 == s { printf "%s%s", sep, $4; sep = ", " }' "$work/results")"
done
awk -v s="$(awk '$1 == "stopped" { print $4 }' "$work/results" | median)" \
    -v r="$(awk '$1 == "running" { print $4 }' "$work/results" | median)" \
    'BEGIN { printf "  p99 running / stopped: %.2fx (medians)\n", r / s }'
echo "== each trial (state, round, p50 ms, p99 ms, transactions) and pgbench's output are in $work"
