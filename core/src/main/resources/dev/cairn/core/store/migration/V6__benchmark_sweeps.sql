-- A sweep is a series of benchmarks that differ in one setting (batch size, threads or concurrency). Its points are
-- ordinary results sharing a sweep id, so a cancelled sweep keeps the points that finished and every point can be
-- compared or exported like any other benchmark.
CREATE SEQUENCE benchmark_sweep_id START WITH 1;
ALTER TABLE benchmark_result ADD COLUMN sweep_id BIGINT;
ALTER TABLE benchmark_result ADD COLUMN sweep_parameter VARCHAR(40);
CREATE INDEX benchmark_result_by_sweep ON benchmark_result (sweep_id);
