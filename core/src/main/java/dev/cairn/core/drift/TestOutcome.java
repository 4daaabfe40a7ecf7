package dev.cairn.core.drift;

/** What one statistical test found: its statistic, and the drift score compared with the threshold. */
record TestOutcome(double statistic, double score) {

    /** A distance: the statistic is the score. */
    static TestOutcome distance(double value) {
        return new TestOutcome(value, value);
    }
}
