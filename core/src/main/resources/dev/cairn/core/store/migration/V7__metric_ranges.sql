-- The lowest and highest value of each (run, metric) and the steps they were logged at, kept beside the latest
-- value as points arrive, so the run table can show min, max and the best step without reading every point.
-- NULL in rows written before this migration: readers compute those from the metric's points instead.
ALTER TABLE latest_metric ADD COLUMN min_value DOUBLE PRECISION;
ALTER TABLE latest_metric ADD COLUMN min_step BIGINT;
ALTER TABLE latest_metric ADD COLUMN max_value DOUBLE PRECISION;
ALTER TABLE latest_metric ADD COLUMN max_step BIGINT;
