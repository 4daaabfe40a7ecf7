package dev.cairn.core.registry;

import dev.cairn.core.error.CairnException;
import dev.cairn.core.plugins.FileKinds;
import dev.cairn.core.plugins.Plugins;
import dev.cairn.plugins.api.ModelImporter;
import dev.cairn.plugins.api.PluginException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The model files Cairn registers: ONNX as it is, other formats through the plugins' model importers, which write an
 * ONNX file into a scratch folder that is deleted once the model is registered (or fails to be).
 */
public final class ModelImports {

    private final Plugins plugins;
    private final Path scratch;
    // The importers' names and extensions, read once: drops and file choosers ask on the JavaFX thread.
    private final Map<String, ModelImporter> importers = new HashMap<>();
    private final List<String> extensions;
    private final String description;

    /** @param scratch where converted files are written for the time of a registration */
    public ModelImports(Plugins plugins, Path scratch) {
        this.plugins = plugins;
        this.scratch = scratch;
        List<String> all = new ArrayList<>(List.of("onnx"));
        List<String> formats = new ArrayList<>(List.of("ONNX"));
        for (ModelImporter importer : plugins.modelImporters()) {
            importer.extensions().stream().sorted().forEach(extension -> {
                importers.putIfAbsent(extension, importer);
                all.add(extension);
            });
            formats.add(importer.formatName());
        }
        extensions = List.copyOf(all);
        description = FileKinds.describe(formats, "models", extensions);
    }

    public static ModelImports onnxOnly() {
        return new ModelImports(Plugins.none(), null);
    }

    /** Lower-case extensions registered, {@code onnx} first. */
    public List<String> extensions() {
        return extensions;
    }

    /** "ONNX models (.onnx)", or "ONNX or PMML models (.onnx, .pmml)" with a PMML importer. */
    public String describe() {
        return description;
    }

    public boolean canRegister(Path file) {
        return extensions().contains(FileKinds.extension(file));
    }

    /** The importer for {@code file}'s extension; none for ONNX files and files of no known kind. */
    Optional<ModelImporter> importerFor(Path file) {
        return Optional.ofNullable(importers.get(FileKinds.extension(file)));
    }

    /** A converted file, deleted with its scratch folder on close. */
    record Converted(Path onnx, Path folder) implements AutoCloseable {
        @Override
        public void close() {
            try {
                Files.deleteIfExists(onnx);
                Files.deleteIfExists(folder);
            } catch (IOException e) {
                // Left in the scratch folder; nothing depends on it.
            }
        }
    }

    /** Converts {@code file} with {@code importer} into an ONNX file named after it. */
    Converted convert(Path file, ModelImporter importer) {
        String fileName = file.getFileName().toString();
        Path folder;
        try {
            Files.createDirectories(scratch);
            folder = Files.createTempDirectory(scratch, "import-");
        } catch (IOException e) {
            throw new CairnException("Cannot make a scratch folder in " + scratch + ": " + e.getMessage(), e);
        }
        int dot = fileName.lastIndexOf('.');
        Converted converted = new Converted(folder.resolve((dot > 0 ? fileName.substring(0, dot) : fileName) + ".onnx"),
                folder);
        try {
            importer.convert(file, converted.onnx());
        } catch (PluginException e) {
            converted.close();
            throw new CairnException(fileName + ": " + e.getMessage(), e);
        } catch (IOException e) {
            converted.close();
            throw new CairnException("Cannot convert " + fileName + " (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + ")", e);
        } catch (RuntimeException | LinkageError e) {
            converted.close();
            throw new CairnException("The " + importer.formatName() + " importer of " + plugins.describeOwner(importer)
                    + " failed on " + fileName + ": " + e, e);
        }
        if (!Files.isRegularFile(converted.onnx())) {
            converted.close();
            throw new CairnException("The " + importer.formatName() + " importer of "
                    + plugins.describeOwner(importer) + " wrote no ONNX file for " + fileName);
        }
        return converted;
    }
}
