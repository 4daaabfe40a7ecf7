package dev.cairn.core.store;

/**
 * One step of the schema: a SQL script on the class path that moves the database from
 * {@code version - 1} to {@code version}.
 */
public record Migration(int version, String description, String resource) {

    public Migration {
        if (version < 1) {
            throw new IllegalArgumentException("Migration versions start at 1: " + version);
        }
    }
}
