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
