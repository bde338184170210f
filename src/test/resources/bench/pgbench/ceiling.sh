#!/bin/bash
# How fast the subscription applies the WMS load, with the generated capture and without it,
# through one subscription or two. It is a benchmark, not a test: the build never runs it.
#
#   ceiling.sh PRIMARY REPLICA TRANSACTIONS MIX ROUNDS [LIVE_SECONDS]
#
# PRIMARY and REPLICA are libpq connection strings of a primary loaded by
# `wms-analytics generate` and of its replica, set up by `wms-analytics setup`; the service must
# not be running. MIX is realistic or harsh, as in sustained.sh. PGBENCH names pgbench.
#
# Each trial disables the subscription(s), has pgbench write TRANSACTIONS transactions of the
# mix as fast as the primary takes them (its tps is the primary's own rate, with no walsender
# at work), then enables the subscription(s) and times how long they take to apply that backlog:
# from the moment every apply worker runs until every subscription's replay_lsn
# (pg_stat_replication) has passed the primary's WAL position, polled every 100 ms. The apply rate is TRANSACTIONS over that time,
# and the apply workers' CPU is read from /proc. The trials alternate, ROUNDS times:
#
#   capture   the generated capture as migrate installed it (one subscription)
#   none      the capture's triggers disabled, the sweep columns' defaults and BRIN indexes
#             dropped: no capture at all (one subscription)
#   split     the capture, and the published tables split over two subscriptions, each with
#             its own apply worker: the orders and their lines (and customers, products)
#             through the existing one, the shipments, movements and stock through a second
#
# With LIVE_SECONDS, it then runs the load as fast as the primary takes it, with the subscription
# enabled, for LIVE_SECONDS, once with the capture and once without, and samples the apply lag
# once a second (the age of the newest replicated order, as sustained.sh does): if the lag
# stays low, the subscription keeps up with everything this primary can write, and the ceiling
# is the primary's.
#
# On exit the capture and the publication are put back, and every incremental report is marked
# for a full rebuild, since changes were applied without capture.
set -euo pipefail

if [ $# -ne 5 ] && [ $# -ne 6 ]; then
    echo "usage: ceiling.sh PRIMARY REPLICA TRANSACTIONS realistic|harsh ROUNDS [LIVE_SECONDS]" >&2
    exit 2
fi
primary=$1 replica=$2 transactions=$3 mix=$4 rounds=$5 live=${6:-0}
here=$(cd "$(dirname "$0")" && pwd)
pgbench=${PGBENCH:-pgbench}
. "$here/mix.sh"
mix_scripts ceiling.sh "$mix"
clients=8
per_client=$(( (transactions + clients - 1) / clients ))
transactions=$(( per_client * clients ))

q() { psql -X -q -At -v ON_ERROR_STOP=1 "$@"; }

sub=$(q -c "SELECT subname FROM pg_subscription WHERE subname = 'wms_analytics_sub'" "$replica")
[ "$sub" = wms_analytics_sub ] || { echo "ceiling.sh: the replica has no subscription wms_analytics_sub" >&2; exit 2; }
conninfo=$(q -c "SELECT subconninfo FROM pg_subscription WHERE subname = 'wms_analytics_sub'" "$replica")
second_tables="wms.warehouses, wms.locations, wms.inventory, wms.stock_movements, wms.shipments"
first_tables="wms.customers, wms.products, wms.orders, wms.order_lines"
all_tables="$first_tables, $second_tables"

# What "none" drops, as migrate made it, to put back.
indexes=$(q -c "SELECT string_agg(indexdef, '; ') FROM pg_indexes WHERE schemaname = 'wms'
    AND indexdef LIKE '%USING brin (applied_xid)%'" "$replica")
defaults=$(q -c "SELECT string_agg(format('ALTER TABLE %s ALTER COLUMN applied_xid SET DEFAULT %s',
    d.adrelid::regclass, pg_get_expr(d.adbin, d.adrelid)), '; ') FROM pg_attrdef d
    JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
    WHERE a.attname = 'applied_xid' AND d.adrelid::regclass::text LIKE 'wms.%'" "$replica")
[ -n "$indexes" ] && [ -n "$defaults" ] || { echo "ceiling.sh: the replica has no generated capture" >&2; exit 2; }

capture() {
    local state=$1
    q "$replica" <<SQL
DO \$\$
DECLARE t record;
BEGIN
    FOR t IN SELECT tgrelid::regclass AS rel, tgname FROM pg_trigger
             WHERE NOT tgisinternal AND tgname LIKE 'capture\_%' AND tgrelid::regclass::text LIKE 'wms.%' LOOP
        EXECUTE format('ALTER TABLE %s %s TRIGGER %I', t.rel,
                       CASE WHEN '$state' = 'on' THEN 'ENABLE ALWAYS' ELSE 'DISABLE' END, t.tgname);
    END LOOP;
END
\$\$;
SQL
    if [ "$state" = on ]; then
        q -c "SELECT 1 FROM pg_indexes WHERE indexdef LIKE '%USING brin (applied_xid)%'" "$replica" | grep -q 1 ||
            q -c "$indexes" "$replica"
        q -c "$defaults" "$replica"
    else
        q "$replica" <<'SQL'
DO $$
DECLARE t record;
BEGIN
    FOR t IN SELECT indexrelid::regclass AS idx FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
             JOIN pg_am am ON am.oid = c.relam
             WHERE am.amname = 'brin' AND pg_get_indexdef(i.indexrelid) LIKE '%(applied_xid)%' LOOP
        EXECUTE format('DROP INDEX %s', t.idx);
    END LOOP;
    FOR t IN SELECT attrelid::regclass AS rel FROM pg_attribute
             WHERE attname = 'applied_xid' AND NOT attisdropped AND attrelid::regclass::text LIKE 'wms.%' LOOP
        EXECUTE format('ALTER TABLE %s ALTER COLUMN applied_xid DROP DEFAULT', t.rel);
    END LOOP;
END
$$;
SQL
    fi
}

subscriptions() { # the subscriptions a trial uses
    if [ "$1" = split ]; then echo "wms_analytics_sub wms_ceiling_sub"; else echo "wms_analytics_sub"; fi
}

split() {
    if [ "$1" = on ]; then
        q -c "ALTER PUBLICATION wms_analytics_pub SET TABLE $first_tables" \
            -c "CREATE PUBLICATION wms_ceiling_pub FOR TABLE $second_tables" "$primary"
        q -c "CREATE SUBSCRIPTION wms_ceiling_sub CONNECTION '$(sed "s/'/''/g" <<< "$conninfo")'
            PUBLICATION wms_ceiling_pub WITH (copy_data = false, enabled = false)" "$replica"
    else
        if q -c "SELECT 1 FROM pg_subscription WHERE subname = 'wms_ceiling_sub'" "$replica" | grep -q 1; then
            q -c "ALTER SUBSCRIPTION wms_ceiling_sub DISABLE" "$replica"
            q -c "DROP SUBSCRIPTION wms_ceiling_sub" "$replica"
        fi
        q -c "ALTER PUBLICATION wms_analytics_pub SET TABLE $all_tables" "$primary"
        q -c "DROP PUBLICATION IF EXISTS wms_ceiling_pub" "$primary"
    fi
}

restore() {
    for s in wms_ceiling_sub wms_analytics_sub; do
        q -c "ALTER SUBSCRIPTION $s ENABLE" "$replica" 2>/dev/null || true
    done
    # Every subscription there is applies its backlog before the second one, and its slot, is
    # dropped: changes left in that slot would never reach the mirror.
    local present
    read -r -a present <<< "$(q -c "SELECT string_agg(subname, ' ') FROM pg_subscription
        WHERE subname IN ('wms_analytics_sub', 'wms_ceiling_sub')" "$replica")"
    wait_applied "${present[@]}" >/dev/null || true
    split off || true
    capture on || true
    q -c "UPDATE analytics_control.incremental_report SET needs_full = true,
        full_reason = 'changes were applied without capture by a benchmark'" "$replica" || true
}
trap restore EXIT

# Waits until every named subscription's walsender has replayed past the primary's position;
# prints the seconds it took from $enabled_at.
wait_applied() {
    local target names n
    target=$(q -c "SELECT pg_current_wal_insert_lsn()" "$primary")
    names=$(printf "'%s'," "$@")
    names=${names%,}
    n=$#
    while ! q -c "SELECT count(*) = $n AND bool_and(replay_lsn >= '$target') FROM pg_stat_replication
                  WHERE application_name IN ($names)" "$primary" | grep -q t; do
        sleep 0.1
    done
    echo "$(date +%s.%N) - ${enabled_at:-0}" | bc
}

apply_cpu_ticks() { # the apply workers' CPU ticks so far
    local pids
    pids=$(q -c "SELECT string_agg(pid::text, ' ') FROM pg_stat_subscription WHERE pid IS NOT NULL AND relid IS NULL" "$replica")
    local total=0 p
    for p in $pids; do
        total=$(( total + $(awk '{ print $14 + $15 }' "/proc/$p/stat") ))
    done
    echo "$total"
}

psql -X -q -f "$here/setup.sql" "$primary" >/dev/null
read -r -a vars <<< "$(q -f "$here/variables.sql" "$primary")"
results=$(mktemp)
hz=$(getconf CLK_TCK)

for round in $(seq 1 "$rounds"); do
    for trial in capture none split; do
        if [ "$trial" = none ]; then capture off; else capture on; fi
        if [ "$trial" = split ]; then split on; fi
        read -r -a subs <<< "$(subscriptions "$trial")"
        for s in "${subs[@]}"; do q -c "ALTER SUBSCRIPTION $s DISABLE" "$replica"; done
        while q -c "SELECT count(*) > 0 FROM pg_stat_replication WHERE application_name LIKE 'wms_%'" "$primary" | grep -q t; do
            sleep 0.2
        done
        out=$("$pgbench" -n -t "$per_client" -c "$clients" -j 2 "${vars[@]}" "${scripts[@]}" "$primary" 2>&1) ||
            { echo "$out" >&2; exit 1; }
        tps=$(awk '/^tps/ { printf "%.0f", $3; exit }' <<< "$out")
        for s in "${subs[@]}"; do q -c "ALTER SUBSCRIPTION $s ENABLE" "$replica"; done
        # The launcher starts a worker at most once per wal_retrieve_retry_interval (5 s): the
        # clock starts when every apply worker runs.
        until q -c "SELECT count(*) = ${#subs[@]} FROM pg_stat_subscription WHERE pid IS NOT NULL AND relid IS NULL" \
                "$replica" | grep -q t; do
            sleep 0.02
        done
        enabled_at=$(date +%s.%N)
        seconds=$(wait_applied "${subs[@]}")
        ticks=$(apply_cpu_ticks)
        printf "%s %s %.2f %.0f %.2f %s\n" "$trial" "$round" "$seconds" "$(echo "$transactions / $seconds" | bc -l)" \
            "$(echo "$ticks / $hz" | bc -l)" "$tps" | tee -a "$results"
        if [ "$trial" = split ]; then split off; fi
    done
done

echo "== $(q -c "SELECT version()" "$replica")"
[ "$rounds" -gt 0 ] && echo "== apply of a backlog of $transactions transactions ($mix mix), median of $rounds"
for trial in $([ "$rounds" -gt 0 ] && echo capture none split); do
    awk -v t="$trial" '$1 == t' "$results" | sort -k3 -g | awk -v n="$rounds" -v t="$trial" '
        { s[NR] = $3; r[NR] = $4; c[NR] = $5; p[NR] = $6 }
        END { m = int((NR + 1) / 2);
              printf "  %-8s apply %.2f s, %s tx/s (apply workers CPU %.2f s); primary alone %s tx/s\n", t, s[m], r[m], c[m], p[m] }'
done
[ "$rounds" -gt 0 ] && echo "== every trial: trial, round, seconds, tx/s, apply workers' CPU s, primary tps"
cat "$results"

[ "$live" -gt 0 ] || exit 0
percentiles() {
    sort -g | awk '{ v[NR] = $1 } END {
        if (NR == 0) { print "no samples"; exit }
        printf "p50 %.2f s, p99 %.2f s, worst %.2f s (%d samples)", v[int((NR - 1) * 0.5) + 1], v[int((NR - 1) * 0.99) + 1], v[NR], NR }'
}
echo "== the load as fast as the primary takes it, for $live s, the subscription running"
for trial in capture none; do
    if [ "$trial" = none ]; then capture off; else capture on; fi
    samples=$(mktemp)
    "$pgbench" -n -T "$live" -c "$clients" -j 2 "${vars[@]}" "${scripts[@]}" "$primary" > "$samples.out" 2>&1 &
    bench=$!
    sleep 2
    while kill -0 "$bench" 2>/dev/null; do
        q -c "SELECT extract(epoch FROM now() - created_at) FROM wms.orders ORDER BY order_id DESC LIMIT 1" \
            "$replica" >> "$samples" || true
        sleep 1
    done
    wait "$bench" || { cat "$samples.out" >&2; exit 1; }
    wait_applied wms_analytics_sub > /dev/null
    printf "  %-8s primary %s tx/s; apply lag %s\n" "$trial" \
        "$(awk '/^tps/ { printf "%.0f", $3; exit }' "$samples.out")" "$(percentiles < "$samples")"
done
