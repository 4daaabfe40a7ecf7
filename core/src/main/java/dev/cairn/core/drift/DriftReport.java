package dev.cairn.core.drift;

import java.util.List;

/** The comparison of a current dataset with a reference: a verdict per column and one for the dataset. */
public record DriftReport(DatasetSummary reference, DatasetSummary current, List<ColumnDrift> columns,
        double driftShare, int driftedColumns, boolean datasetDrift) {

    /** Names a compared dataset by file name, SHA-256 and size. */
    public record DatasetSummary(String name, String sha256, int rows, int columns) {
        static DatasetSummary of(Dataset dataset) {
            return new DatasetSummary(dataset.name(), dataset.sha256(), dataset.rows(), dataset.columns().size());
        }
    }

    public DriftReport {
        columns = List.copyOf(columns);
    }

    /** Share of compared columns that drifted. */
    public double driftedShare() {
        return (double) driftedColumns / columns.size();
    }
}
