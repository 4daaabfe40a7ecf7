-- Key/value settings of the workspace and of the app that opens it (theme, window geometry, ...).
CREATE TABLE setting (
    name       VARCHAR(200)  PRIMARY KEY,
    value_text VARCHAR(4000) NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);
