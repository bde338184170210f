#!/bin/bash
# A sustained WMS write load on a primary while the service refreshes the replica, and what a
# BI reader saw meanwhile. It is a benchmark, not a test: the build never runs it.
#
#   sustained.sh PRIMARY REPLICA CONFIG RATE SECONDS MIX
#
# PRIMARY and REPLICA are libpq connection strings of a primary loaded by
# `wms-analytics generate` and of its replica, set up by `wms-analytics setup` and refreshed
# once. CONFIG is the service's configuration file; its scheduler.jobs-dir holds the jobs to
# run (for a seconds cadence, jobs/live.conf with enabled = true). MIX is realistic (60 new
# orders, 39 shipments, 1 late correction in 100) or harsh (one in nine a late correction).
# WMS_ANALYTICS names the command (default: wms-analytics on the PATH), PGBENCH pgbench,
# ENDPOINT the service's HTTP endpoint as CONFIG sets it (default http://127.0.0.1:9464).
#
# Once a second it samples, on the replica: the apply lag (the age of the replicated order with
# the highest id, which the load stamps with the primary's clock, so both servers must share a
# clock),
# what the apply worker waits on, the age of each daily report's data as of, and the CPU of the
# service's sessions on the replica (a replica on this machine; each session's
# application_name is wms-analytics/PID). At the end it prints pgbench's own summary, the service's CPU (a share of one core)
# and peak RSS, the replica's CPU spent in its sessions, the
# percentiles of the samples and of the runs' durations; whether the page's JSON
# (/api/freshness) and /metrics agree with the history on each daily report's last successful
# refresh; and runs verify.
set -euo pipefail

if [ $# -ne 6 ]; then
    echo "usage: sustained.sh PRIMARY REPLICA CONFIG RATE SECONDS realistic|harsh" >&2
    exit 2
fi
primary=$1 replica=$2 config=$3 rate=$4 seconds=$5 mix=$6
here=$(cd "$(dirname "$0")" && pwd)
wms=${WMS_ANALYTICS:-wms-analytics}
pgbench=${PGBENCH:-pgbench}
endpoint=${ENDPOINT:-http://127.0.0.1:9464}
. "$here/mix.sh"
mix_scripts sustained.sh "$mix"

work=$(mktemp -d)
psql -q -X -f "$here/setup.sql" "$primary" >/dev/null
read -r -a vars <<< "$(psql -X -At -f "$here/variables.sql" "$primary")"
started=$(psql -X -At -c "SELECT now()" "$replica")

"$wms" run --config "$config" > "$work/service.log" 2>&1 &
service=$!
sleep 5
since=$(date +%s)
ticks0=$(awk '{ print $14 + $15 }' "/proc/$service/stat")

sample() {
    psql -X -At -F ' ' "$replica" <<'SQL'
SELECT 'at', extract(epoch FROM clock_timestamp())::bigint;
SELECT 'lag', extract(epoch FROM now() - created_at) FROM wms.orders ORDER BY order_id DESC LIMIT 1;
SELECT 'wait', coalesce(wait_event_type || ':' || wait_event, 'cpu')
FROM pg_stat_activity WHERE backend_type IN ('logical replication worker', 'logical replication apply worker');
SELECT 'age', view_name, extract(epoch FROM now() - data_as_of) FROM analytics.report_freshness
WHERE view_name IN ('daily_orders', 'fulfillment_times', 'daily_throughput', 'daily_kpis');
SQL
}

"$pgbench" -n -R "$rate" -T "$seconds" -c 8 -j 2 -P 60 -l --log-prefix="$work/tx" "${vars[@]}" "${scripts[@]}" "$primary" \
    > "$work/pgbench.out" 2>&1 &
load=$!
# The samples cover the load alone: before it and after it, the newest order only ages.
sleep 2
(
    while kill -0 "$service" 2>/dev/null; do
        sample >> "$work/samples" || true
        # The CPU of the service's sessions on the replica so far (each names itself
        # wms-analytics/PID).
        for p in $(psql -X -At -c "SELECT pid FROM pg_stat_activity
                                   WHERE application_name LIKE 'wms-analytics/%'" "$replica" 2>/dev/null); do
            [ -r "/proc/$p/stat" ] && echo "ticks $p $(awk '{ print $14 + $15 }' "/proc/$p/stat")"
        done >> "$work/samples"
        sleep 1
    done
) &
sampler=$!
wait "$load" || { cat "$work/pgbench.out" >&2; kill "$service" "$sampler"; exit 1; }
kill "$sampler"
wait "$sampler" || true
sleep 15
# The page's JSON and /metrics against the history, read while the service runs: a run that
# finishes between the readings moves the history, and then they are read again.
history_now() {
    psql -X -At -F ' ' "$replica" <<'SQL'
SELECT v.view_schema || '.' || v.view_name, to_char(extract(epoch FROM v.finished_at), 'FM9999999999.000000'),
       to_char(extract(epoch FROM r.data_as_of), 'FM9999999999.000000')
FROM unnest(ARRAY['order_analytics.daily_orders', 'order_analytics.fulfillment_times',
                  'warehouse_analytics.daily_throughput', 'analytics.daily_kpis']) AS q(view),
LATERAL (SELECT * FROM analytics_control.refresh_run_view v
         WHERE v.view_schema || '.' || v.view_name = q.view AND v.status = 'succeeded'
         ORDER BY v.finished_at DESC LIMIT 1) v
JOIN analytics_control.refresh_run r USING (run_id) ORDER BY 1;
SQL
}
for attempt in 1 2 3 4 5; do
    history_now > "$work/history-before"
    curl -s "$endpoint/api/freshness" > "$work/api.json"
    curl -s "$endpoint/metrics" > "$work/metrics.txt"
    history_now > "$work/history-after"
    cmp -s "$work/history-before" "$work/history-after" && break
done
ticks=$(awk '{ print $14 + $15 }' "/proc/$service/stat")
peak=$(awk '/^VmHWM/ { print $2 }' "/proc/$service/status")
kill "$service"
wait "$service" || true

echo "== pgbench ($mix mix, $rate tx/s for $seconds s)"
grep -E "^(number of transactions actually processed|latency average|latency stddev|rate limit schedule lag|tps|number of transactions (skipped|above))" \
    "$work/pgbench.out" || cat "$work/pgbench.out"

percentiles() {
    sort -g | awk '{ v[NR] = $1 } END {
        if (NR == 0) { print "no samples"; exit }
        p50 = v[int((NR - 1) * 0.50) + 1]; p99 = v[int((NR - 1) * 0.99) + 1]
        printf "p50 %.3f s, p99 %.3f s, worst %.3f s (%d samples)\n", p50, p99, v[NR], NR }'
}
echo "== pgbench latency, from its per-transaction log (seconds)"
cat "$work"/tx.* | awk '{ print $3 / 1000000 }' | percentiles
echo "== the service"
awk -v t="$ticks" -v t0="$ticks0" -v s="$(( $(date +%s) - since ))" -v hz="$(getconf CLK_TCK)" -v kb="$peak" \
    'BEGIN { printf "CPU %.1f %% of one core over %d s, peak RSS %d MB\n", 100 * (t - t0) / hz / s, s, kb / 1024 }'
echo "== the replica's CPU in the service's sessions (refreshes, gate, history), read from /proc"
awk -v hz="$(getconf CLK_TCK)" -v s="$seconds" '$1 == "ticks" { if (!($2 in lo)) lo[$2] = $3; hi[$2] = $3 }
    END { for (p in hi) t += hi[p] - lo[p]; printf "%.1f s of CPU in %d sessions, %.1f %% of one core over %d s\n", t / hz, length(hi), 100 * t / hz / s, s }' \
    "$work/samples"
echo "== apply lag (age of the newest replicated order)"
awk '$1 == "lag" { print $2 }' "$work/samples" | percentiles
echo "== the apply worker, sampled once a second"
awk '$1 == "wait" { n[$2]++ } END { for (w in n) print "  " w ": " n[w] }' "$work/samples"
for report in daily_orders fulfillment_times daily_throughput daily_kpis; do
    echo "== age of $report's data as of, as a BI reader sees it"
    awk -v r="$report" '$1 == "age" && $2 == r { print $3 }' "$work/samples" | percentiles
done
echo "== refresh runs during the load"
psql -X -At -F ' ' "$replica" -c "SELECT status, count(*), round(percentile_cont(0.5) WITHIN GROUP
    (ORDER BY extract(epoch FROM finished_at - started_at))::numeric, 2), round(percentile_cont(0.99)
    WITHIN GROUP (ORDER BY extract(epoch FROM finished_at - started_at))::numeric, 2),
    count(*) - count(DISTINCT (job, scheduled_for)) FROM analytics_control.refresh_run
    WHERE started_at >= '$started' GROUP BY status" |
    awk '{ printf "  %s: %d runs, duration p50 %s s, p99 %s s, fire times run twice: %d\n", $1, $2, $3, $4, $5 }'
echo "  firings coalesced into a later fire time already due: $(grep -c ' coalesced into the one for ' "$work/service.log" || true)"
echo "  longest wait between one run's end and the next run's start: $(psql -X -At "$replica" -c "SELECT
    coalesce(round(max(extract(epoch FROM next_start - finished_at))::numeric, 2), 0) FROM (SELECT finished_at,
    lead(started_at) OVER (PARTITION BY job ORDER BY started_at) AS next_start FROM analytics_control.refresh_run
    WHERE started_at >= '$started' AND trigger = 'schedule') r") s"
echo "== the page's JSON and /metrics against the history (the last successful refresh of each daily report)"
python3 - "$work/history-after" "$work/api.json" "$work/metrics.txt" <<'PY'
import json, re, sys
from datetime import datetime
history = {v: (float(f), float(d)) for v, f, d in (l.split() for l in open(sys.argv[1]) if l.strip())}
api = {r["view"]: r for r in json.load(open(sys.argv[2]))["reports"]}
metrics = {}
for m in re.finditer(r'^wms_analytics_view_last_success_timestamp_seconds\{([^}]*)\} (\S+)$', open(sys.argv[3]).read(), re.M):
    view = re.search(r'view="([^"]+)"', m.group(1)).group(1)
    metrics[view] = float(m.group(2))
epoch = lambda s: datetime.fromisoformat(s.replace("Z", "+00:00")).timestamp() if s else None
bad = 0
for view, (finished, as_of) in sorted(history.items()):
    page = api.get(view, {})
    page_as_of = epoch(page.get("data_as_of"))
    page_finished = epoch((page.get("last_refresh") or {}).get("finished_at"))
    scraped = metrics.get(view)
    ok = (page_as_of is not None and abs(page_as_of - as_of) < 1e-3
          and page_finished is not None and abs(page_finished - finished) < 1e-3
          and scraped is not None and abs(scraped - finished) < 1e-3)
    bad += not ok
    print(f"  {view}: history data as of {as_of:.3f}, finished {finished:.3f}; page {page_as_of}, {page_finished};"
          f" /metrics last success {scraped}: {'agree' if ok else 'DIFFER'}")
print(f"  {len(history) - bad} of {len(history)} reports agree")
PY
echo "== verify"
"$wms" verify --config "$config" || true
echo "== the samples, pgbench's logs and the service's log are in $work"
