package dev.cairn.core.drift;

/**
 * A test that decides whether one column drifted: one of Evidently's built-in {@link StatTest}s, or a plugin's drift
 * test ({@link PluginColumnTest}). {@link DriftTests} lists those a workspace offers.
 */
public sealed interface ColumnTest permits StatTest, PluginColumnTest {

    /** The name users type ({@code --column-test COLUMN=ID}) and reports keep. */
    String id();

    /** What the report calls the score. */
    String displayName();

    double defaultThreshold();

    StatTest.Rule rule();

    boolean appliesTo(ColumnType type);

    default boolean drifted(double score, double threshold) {
        return switch (rule()) {
            case P_BELOW -> score < threshold;
            case P_AT_OR_BELOW -> score <= threshold;
            case AT_OR_ABOVE -> score >= threshold;
        };
    }
}
