-- name: order_analytics.fulfillment_times
-- kind: by-time
-- group: daily
-- bucket: ship_date by day
-- unique-key: ship_date, warehouse_id
-- source: wms.orders.shipped_at
-- description: Order-to-shipment lead times (p50/p90 hours from created_at to shipped_at) and on-time shipping (shipped_at <= promised_at) for service-level tracking, one row per ship day and warehouse.

-- order_analytics.fulfillment_times: one row per ship day and warehouse, over the orders that
-- shipped (status shipped or delivered). On time means shipped_at <= promised_at; the hours
-- run from created_at to shipped_at.
WITH shipped AS (
    SELECT o.warehouse_id,
           (o.shipped_at AT TIME ZONE bucket.zone)::date                  AS ship_date,
           (extract(epoch FROM o.shipped_at - o.created_at) / 3600)::double precision AS hours,
           o.shipped_at <= o.promised_at                                  AS on_time
    FROM wms.orders o
    WHERE o.shipped_at >= bucket.since AND o.shipped_at < bucket.until
      AND o.status IN ('shipped', 'delivered')
)
SELECT ship_date,
       warehouse_id,
       count(*)::bigint                                                   AS shipped_orders,
       (count(*) FILTER (WHERE on_time))::bigint                           AS on_time_orders,
       (count(*) FILTER (WHERE NOT on_time))::bigint                       AS late_orders,
       round((count(*) FILTER (WHERE on_time))::numeric / NULLIF(count(*), 0), 4) AS on_time_rate,
       round(avg(hours)::numeric, 2)                                      AS avg_hours,
       round((percentile_cont(0.5) WITHIN GROUP (ORDER BY hours))::numeric, 2) AS p50_hours,
       round((percentile_cont(0.9) WITHIN GROUP (ORDER BY hours))::numeric, 2) AS p90_hours,
       round(max(hours)::numeric, 2)                                      AS max_hours
FROM shipped
GROUP BY ship_date, warehouse_id
