#!/bin/bash
# Faults under the WMS load: the service killed in the middle of a refresh, the replica
# restarted, the primary restarted, and a second instance taking over from one killed. It is a
# benchmark, not a test: the build never runs it.
#
#   faults.sh PRIMARY REPLICA CONFIG RATE MIX
#
# PRIMARY, REPLICA, CONFIG, RATE and MIX are those of sustained.sh; CONFIG's jobs-dir holds the
# live job at a seconds cadence with coalesce = true, and its wms-analytics.http.port is 0 (two
# instances run at once in the fourth fault, and a fixed port would stop the second). RESTART_REPLICA and RESTART_PRIMARY are
# commands that restart each server (for example
# "su postgres -c 'pg_ctl -D /srv/replica restart -m fast'"). WMS_ANALYTICS names the command,
# PGBENCH pgbench, CADENCE the job's cadence in seconds (default 2), PHASE the seconds between
# two faults (default 90).
#
# The load runs throughout (pgbench is started again when the primary's restart ends it). The
# faults come one per PHASE:
#   1. kill -9 of the service while a refresh runs, and the service started again at once;
#   2. the replica restarted (fast shutdown);
#   3. the primary restarted (fast shutdown);
#   4. a second instance started, and the first killed with -9: the second takes over.
# Once a second the age of each daily report's data as of is sampled. For each fault it prints
# the oldest data seen until the next fault, and how long after the fault the reports were
# fresh again (every daily report's data at most three cadences old). At the end: every fire time of the live job since the start, and whether it
# ran (succeeded once), gave way to a later one (coalesced), ran twice, or is missing; and
# verify.
set -uo pipefail

if [ $# -ne 5 ]; then
    echo "usage: faults.sh PRIMARY REPLICA CONFIG RATE realistic|harsh" >&2
    exit 2
fi
primary=$1 replica=$2 config=$3 rate=$4 mix=$5
here=$(cd "$(dirname "$0")" && pwd)
wms=${WMS_ANALYTICS:-wms-analytics}
pgbench=${PGBENCH:-pgbench}
cadence=${CADENCE:-2}
phase=${PHASE:-90}
: "${RESTART_REPLICA:?set RESTART_REPLICA to a command that restarts the replica}"
: "${RESTART_PRIMARY:?set RESTART_PRIMARY to a command that restarts the primary}"
. "$here/mix.sh"
mix_scripts faults.sh "$mix"

work=$(mktemp -d)
q() { psql -X -q -At "$@" 2>/dev/null; }
psql -X -q -f "$here/setup.sql" "$primary" >/dev/null
read -r -a vars <<< "$(q -f "$here/variables.sql" "$primary")"
started=$(q -c "SELECT now()" "$replica")
stop_at=$(( $(date +%s) + 5 * phase ))

start_service() { # name
    "$wms" run --config "$config" >> "$work/service-$1.log" 2>&1 &
    echo $!
}

# The load: pgbench again whenever it ends early (the primary's restart ends its connections).
(
    n=0
    while [ "$(date +%s)" -lt "$stop_at" ]; do
        n=$((n + 1))
        "$pgbench" -n -R "$rate" -T $(( stop_at - $(date +%s) )) -c 8 -j 2 -l --log-prefix="$work/tx$n" \
            "${vars[@]}" "${scripts[@]}" "$primary" >> "$work/pgbench.out" 2>&1
        sleep 1
    done
) &
load=$!

(
    while [ "$(date +%s)" -lt $(( stop_at + 30 )) ]; do
        q -F ' ' "$replica" <<'SQL' | sed "s/^/$(date +%s.%N) /" >> "$work/samples"
SELECT max(extract(epoch FROM now() - data_as_of)) FROM analytics.report_freshness
WHERE view_name IN ('daily_orders', 'fulfillment_times', 'daily_throughput', 'daily_kpis');
SQL
        sleep 1
    done
) &
sampler=$!

a=$(start_service a)
faults=()
note() { faults+=("$(date +%s.%N) $1"); echo "$(date -u +%T) $1"; }

sleep "$phase"
# 1. kill -9 while a refresh runs
until q -c "SELECT count(*) > 0 FROM analytics_control.refresh_run WHERE finished_at IS NULL
            AND started_at > now() - interval '10 s'" "$replica" | grep -q t; do
    sleep 0.05
done
kill -9 "$a"
note "service killed with -9 in the middle of a refresh, started again"
a=$(start_service a)

sleep "$phase"
# 2. the replica restarted
bash -c "$RESTART_REPLICA" > "$work/restart-replica.log" 2>&1
note "replica restarted"

sleep "$phase"
# 3. the primary restarted
bash -c "$RESTART_PRIMARY" > "$work/restart-primary.log" 2>&1
note "primary restarted"

sleep "$phase"
# 4. a second instance takes over
b=$(start_service b)
sleep 10
kill -9 "$a"
note "second instance running, first killed with -9"

wait "$load"
sleep 20
kill "$sampler" 2>/dev/null
kill "$b"
# The instances are not this shell's children (each was started in a command substitution):
# wait for the second to finish its last run and exit before the history is read.
while kill -0 "$b" 2>/dev/null; do sleep 0.2; done

echo "== faults under a load of $rate tx/s ($mix mix), the live job every $cadence s"
ends=()
for f in "${faults[@]}"; do ends+=("${f%% *}"); done
ends+=("$(date +%s)")
i=0
for f in "${faults[@]}"; do
    i=$((i + 1))
    at=${f%% *}
    what=${f#* }
    awk -v at="$at" -v until="${ends[$i]}" -v limit=$((3 * cadence)) -v what="$what" '
        $1 >= at && $1 < until && $2 != "" { if ($2 > worst) worst = $2; if ($2 > limit) last = $1 }
        END { if (last) printf "  %s: data up to %.1f s old; fresh again (at most %d s old) %.1f s after\n", what, worst, limit, last + 1 - at
              else printf "  %s: data up to %.1f s old, never more than %d s\n", what, worst, limit }' "$work/samples"
done
echo "== age of the daily reports' data as of, sampled once a second from the first fresh sample"
awk -v limit=$((3 * cadence)) '$2 != "" && ($2 <= limit || fresh) { fresh = 1; print $2 }' "$work/samples" | sort -g |
    awk '{ v[NR] = $1 } END { printf "  p50 %.1f s, p99 %.1f s, worst %.1f s (%d samples)\n",
        v[int((NR - 1) * 0.5) + 1], v[int((NR - 1) * 0.99) + 1], v[NR], NR }'

echo "== every fire time of the live job since the start"
grep -ho 'firing for [^ ]* coalesced' "$work"/service-*.log | awk '{ print $3 }' | sort -u > "$work/coalesced"
q -F ' ' "$replica" -c "SELECT to_char(scheduled_for AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),
    count(*) FILTER (WHERE status = 'succeeded'), count(*),
    count(*) FILTER (WHERE status = 'succeeded' AND trigger = 'retry') FROM analytics_control.refresh_run
    WHERE job = 'live' AND started_at >= '$started' GROUP BY scheduled_for
    ORDER BY scheduled_for" > "$work/runs"
first=$(head -1 "$work/runs" | cut -d' ' -f1)
last=$(tail -1 "$work/runs" | cut -d' ' -f1)
q -c "SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') FROM generate_series('$first'::timestamptz,
    '$last'::timestamptz, interval '$cadence s') t" "$replica" > "$work/fire-times"
awk 'FILENAME ~ /coalesced$/ { c[$1] = 1; next }
     FILENAME ~ /runs$/ { ok[$1] = $2; all[$1] = $3; retried[$1] = $4; next }
     { n++; if (ok[$1] == 1) { once++; if (retried[$1]) { again++; print "  succeeded on a retry: " $1 } }
       else if (ok[$1] > 1) twice++; else if (c[$1]) coal++;
       else if (all[$1] > 0) { failed++; print "  ran but did not succeed: " $1 } else { miss++; print "  missing: " $1 } }
     END { printf "  %d fire times: %d succeeded once (%d of them on a retry after an interrupted run), %d coalesced into a later one, %d succeeded twice, %d ran without success, %d missing\n",
           n, once, again, coal, twice, failed, miss }' "$work/coalesced" "$work/runs" "$work/fire-times"
echo "== runs by status since the start"
q -F ' ' "$replica" -c "SELECT status, count(*) FROM analytics_control.refresh_run WHERE started_at >= '$started'
    GROUP BY status ORDER BY status" | sed 's/^/  /'
echo "== verify"
"$wms" verify --config "$config"
echo "== the samples, pgbench's output and the services' logs are in $work"
