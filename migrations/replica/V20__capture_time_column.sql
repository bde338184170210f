-- A capture part of a time source names its time column, so that the merged trigger's WHEN
-- clause is one cheap test of the table's time columns against the open window instead of the
-- OR of every part's full condition. The subscription's apply worker prepares a trigger's WHEN
-- clause again for every change it applies, and the full conditions cost the apply more than
-- the calls they spared (MergedCapture). The parts written before this column get NULL, which
-- keeps their full condition in the WHEN clause until migrate writes them again: the
-- fingerprints of by-time and by-key reports name the capture generation, so the next migrate
-- rebuilds those reports with their parts written anew, and sets the sweep column
-- applied_xid's default to txid_current(), one call where the apply worker planned two casts
-- for every row it inserted (MirrorDdl.appliedXid).

ALTER TABLE analytics_control.capture_part ADD COLUMN time_column text;

COMMENT ON COLUMN analytics_control.capture_part.time_column IS
    'For a part of a time source: its time column; the part concerns a change only when its old or new value is before the open window. NULL for other parts, whose condition goes into the WHEN clause as it is.';

-- The refresh summarizes the BRIN ranges each sweep has read (summarize_applied_xid), so that
-- the next sweep reads only the rows written after. PostgreSQL lets only an index's owner
-- summarize it, and the refresher, wms_analytics_user, does not own the mirror's tables: run
-- by the documented role, the summary failed on insufficient_privilege, silently, and every
-- sweep read all the rows written since the last VACUUM. The function now runs as its owner,
-- the role that ran these migrations and owns the mirror; it only summarizes the BRIN indexes
-- on applied_xid of the table it is given.
ALTER FUNCTION analytics_control.summarize_applied_xid(regclass) SECURITY DEFINER;
ALTER FUNCTION analytics_control.summarize_applied_xid(regclass) SET search_path = pg_catalog, pg_temp;
REVOKE EXECUTE ON FUNCTION analytics_control.summarize_applied_xid(regclass) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION analytics_control.summarize_applied_xid(regclass) TO wms_analytics_user;
