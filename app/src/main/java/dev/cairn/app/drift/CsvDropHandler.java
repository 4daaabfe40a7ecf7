package dev.cairn.app.drift;

import dev.cairn.app.drop.DropHandler;
import java.nio.file.Path;
import java.util.List;

/**
 * Takes dataset files dropped on the window (CSV, and the formats of dataset reader plugins): registers them as datasets and puts them in the Drift section's reference
 * and current slots (two at once: reference first), comparing them once both are there.
 */
public final class CsvDropHandler implements DropHandler {

    private final DriftViewModel drift;
    private final Runnable showDrift;

    /** @param showDrift switches the window to the Drift section */
    public CsvDropHandler(DriftViewModel drift, Runnable showDrift) {
        this.drift = drift;
        this.showDrift = showDrift;
    }

    @Override
    public String accepts() {
        return "data files (" + String.join(", ", drift.datasetFiles().extensions().stream()
                .map(extension -> "." + extension).toList()) + ")";
    }

    /** By name only (this runs on the JavaFX thread); reading the file tells a real dataset. */
    @Override
    public boolean canOpen(Path file) {
        return drift.datasetFiles().canRead(file);
    }

    @Override
    public void open(List<Path> files) {
        showDrift.run();
        drift.addFiles(files);
    }
}
