-- MLflow 3's logged models: a model logged by a run (or on its own), its params, tags and status.
CREATE TABLE logged_model (
    model_id          VARCHAR(64)   PRIMARY KEY,
    experiment_id     VARCHAR(64)   NOT NULL REFERENCES experiment ON DELETE CASCADE,
    name              VARCHAR(500)  NOT NULL,
    model_type        VARCHAR(500),
    source_run_id     VARCHAR(256),
    status            VARCHAR(40)   NOT NULL,
    status_message    VARCHAR(2000),
    artifact_uri      VARCHAR(4000) NOT NULL,
    creator_id        VARCHAR(256),
    creation_time     BIGINT        NOT NULL,
    last_update_time  BIGINT        NOT NULL,
    lifecycle_stage   VARCHAR(10)   NOT NULL
);
CREATE INDEX logged_model_by_experiment ON logged_model (experiment_id, creation_time);

CREATE TABLE logged_model_tag (
    model_id  VARCHAR(64)   NOT NULL REFERENCES logged_model ON DELETE CASCADE,
    tag_key   VARCHAR(250)  NOT NULL,
    tag_value VARCHAR(5000) NOT NULL,
    PRIMARY KEY (model_id, tag_key)
);

CREATE TABLE logged_model_param (
    model_id    VARCHAR(64)   NOT NULL REFERENCES logged_model ON DELETE CASCADE,
    param_key   VARCHAR(250)  NOT NULL,
    param_value VARCHAR(6000) NOT NULL,
    PRIMARY KEY (model_id, param_key)
);
