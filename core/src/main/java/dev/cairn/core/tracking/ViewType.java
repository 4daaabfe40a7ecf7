package dev.cairn.core.tracking;

/** Which lifecycle stages a search returns. */
public enum ViewType {
    ACTIVE_ONLY, DELETED_ONLY, ALL;

    /** The SQL condition on a {@code lifecycle_stage} column that this view selects. */
    String condition(String column) {
        return switch (this) {
            case ACTIVE_ONLY -> column + " = 'active'";
            case DELETED_ONLY -> column + " = 'deleted'";
            case ALL -> "TRUE";
        };
    }
}
