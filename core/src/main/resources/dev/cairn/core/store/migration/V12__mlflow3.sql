-- MLflow 3's tag limits (mlflow/utils/validation.py): run and logged-model tags up to 8,000 characters
-- (MAX_TAG_VAL_LENGTH), registry tags up to 100,000 (MAX_MODEL_REGISTRY_TAG_VALUE_LENGTH); experiment tags stay at
-- 5,000. Then the logged models a run produced (runs/outputs) or used (runs/log-inputs "models"), and metrics logged
-- against a logged model.
ALTER TABLE run_tag ALTER COLUMN tag_value SET DATA TYPE VARCHAR(8000);
ALTER TABLE logged_model_tag ALTER COLUMN tag_value SET DATA TYPE VARCHAR(8000);
ALTER TABLE registered_model_tag ALTER COLUMN tag_value SET DATA TYPE VARCHAR(100000);
ALTER TABLE model_version_tag ALTER COLUMN tag_value SET DATA TYPE VARCHAR(100000);

CREATE TABLE run_model_output (
    run_id   VARCHAR(256) NOT NULL REFERENCES run ON DELETE CASCADE,
    model_id VARCHAR(64)  NOT NULL REFERENCES logged_model ON DELETE CASCADE,
    step     BIGINT       NOT NULL,
    PRIMARY KEY (run_id, model_id)
);

CREATE TABLE run_model_input (
    run_id   VARCHAR(256) NOT NULL REFERENCES run ON DELETE CASCADE,
    model_id VARCHAR(64)  NOT NULL REFERENCES logged_model ON DELETE CASCADE,
    PRIMARY KEY (run_id, model_id)
);

-- Every point logged with a model_id, as MLflow's logged_model_metrics keeps them (a model has few points: one
-- row each). dataset_name/dataset_digest are '' when the point names no dataset, so they can be in the key.
CREATE TABLE logged_model_metric (
    model_id       VARCHAR(64)      NOT NULL REFERENCES logged_model ON DELETE CASCADE,
    metric_key     VARCHAR(250)     NOT NULL,
    metric_value   DOUBLE PRECISION NOT NULL,
    ts             BIGINT           NOT NULL,
    step           BIGINT           NOT NULL,
    run_id         VARCHAR(256)     NOT NULL,
    dataset_name   VARCHAR(500)     NOT NULL,
    dataset_digest VARCHAR(36)      NOT NULL,
    PRIMARY KEY (model_id, metric_key, step, ts, run_id, dataset_name, dataset_digest)
);

-- A version registered from an MLflow 3 logged model keeps its id and where its files are (the model's artifact
-- location), which get-download-uri answers; versions made otherwise have neither.
ALTER TABLE model_version ADD COLUMN model_id VARCHAR(64);
ALTER TABLE model_version ADD COLUMN storage_location VARCHAR(4000);
