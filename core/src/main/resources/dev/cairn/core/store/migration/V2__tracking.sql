-- Experiment tracking, modelled on MLflow's entities (service.proto) so its REST API maps 1:1.
-- Ids are strings as in MLflow: imported experiments keep ids such as '0' or '606783375233873416'.

CREATE SEQUENCE experiment_id_seq START WITH 1;

CREATE TABLE experiment (
    experiment_id     VARCHAR(64)   PRIMARY KEY,
    name              VARCHAR(500)  NOT NULL,
    artifact_location VARCHAR(4000) NOT NULL,
    lifecycle_stage   VARCHAR(10)   NOT NULL,
    creation_time     BIGINT        NOT NULL,
    last_update_time  BIGINT        NOT NULL,
    CONSTRAINT experiment_name_unique UNIQUE (name)
);

CREATE TABLE experiment_tag (
    experiment_id VARCHAR(64)   NOT NULL REFERENCES experiment ON DELETE CASCADE,
    tag_key       VARCHAR(250)  NOT NULL,
    tag_value     VARCHAR(5000) NOT NULL,
    PRIMARY KEY (experiment_id, tag_key)
);

CREATE TABLE run (
    run_id          VARCHAR(256)  PRIMARY KEY,
    experiment_id   VARCHAR(64)   NOT NULL REFERENCES experiment ON DELETE CASCADE,
    run_name        VARCHAR(250),
    user_id         VARCHAR(256),
    status          VARCHAR(10)   NOT NULL,
    start_time      BIGINT,
    end_time        BIGINT,
    lifecycle_stage VARCHAR(10)   NOT NULL,
    artifact_uri    VARCHAR(4000) NOT NULL,
    deleted_time    BIGINT
);
CREATE INDEX run_by_experiment ON run (experiment_id, start_time);

CREATE TABLE run_tag (
    run_id    VARCHAR(256)  NOT NULL REFERENCES run ON DELETE CASCADE,
    tag_key   VARCHAR(250)  NOT NULL,
    tag_value VARCHAR(5000) NOT NULL,
    PRIMARY KEY (run_id, tag_key)
);

CREATE TABLE param (
    run_id      VARCHAR(256)  NOT NULL REFERENCES run ON DELETE CASCADE,
    param_key   VARCHAR(250)  NOT NULL,
    param_value VARCHAR(6000) NOT NULL,
    PRIMARY KEY (run_id, param_key)
);

-- Every logged point, append-only, stored as chunks: one row per metric key per logged batch, holding
-- that batch's points as packed arrays (MetricChunk). A 100,000-point history is ~100 rows, not 100,000:
-- reading one row per point cost ~4 s for 10 x 100,000 points, far too slow for a run page.
CREATE SEQUENCE metric_chunk_seq;
CREATE TABLE metric_chunk (
    run_id      VARCHAR(256)   NOT NULL,
    metric_key  VARCHAR(250)   NOT NULL,
    chunk_id    BIGINT         NOT NULL DEFAULT NEXT VALUE FOR metric_chunk_seq,
    point_count INT            NOT NULL,
    points      VARBINARY      NOT NULL,
    PRIMARY KEY (run_id, metric_key, chunk_id)
);

-- The latest point per (run, key) by (step, timestamp, value), as MLflow's runs/get and search use it.
CREATE TABLE latest_metric (
    run_id       VARCHAR(256) NOT NULL REFERENCES run ON DELETE CASCADE,
    metric_key   VARCHAR(250) NOT NULL,
    metric_value DOUBLE PRECISION NOT NULL,
    ts           BIGINT       NOT NULL,
    step         BIGINT       NOT NULL,
    PRIMARY KEY (run_id, metric_key)
);

CREATE TABLE dataset (
    dataset_id    VARCHAR(36)  PRIMARY KEY,
    experiment_id VARCHAR(64)  NOT NULL REFERENCES experiment ON DELETE CASCADE,
    name          VARCHAR(500) NOT NULL,
    digest        VARCHAR(36)  NOT NULL,
    source_type   VARCHAR(36)  NOT NULL,
    source        CLOB         NOT NULL,
    dataset_schema CLOB,
    profile       CLOB,
    CONSTRAINT dataset_unique UNIQUE (experiment_id, name, digest)
);

CREATE TABLE run_input (
    run_id     VARCHAR(256) NOT NULL REFERENCES run ON DELETE CASCADE,
    dataset_id VARCHAR(36)  NOT NULL REFERENCES dataset ON DELETE CASCADE,
    PRIMARY KEY (run_id, dataset_id)
);

CREATE TABLE run_input_tag (
    run_id     VARCHAR(256) NOT NULL,
    dataset_id VARCHAR(36)  NOT NULL,
    tag_key    VARCHAR(255) NOT NULL,
    tag_value  VARCHAR(500) NOT NULL,
    PRIMARY KEY (run_id, dataset_id, tag_key),
    FOREIGN KEY (run_id, dataset_id) REFERENCES run_input ON DELETE CASCADE
);

-- MLflow's default experiment: id '0', named Default, never deleted.
INSERT INTO experiment VALUES ('0', 'Default', 'mlflow-artifacts:/0', 'active',
    CAST(EXTRACT(EPOCH FROM CURRENT_TIMESTAMP) * 1000 AS BIGINT),
    CAST(EXTRACT(EPOCH FROM CURRENT_TIMESTAMP) * 1000 AS BIGINT));
