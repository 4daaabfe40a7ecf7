package dev.cairn.core.registry;

import dev.cairn.core.error.CairnException;
import dev.cairn.core.io.Folders;
import dev.cairn.core.plugins.FileKinds;
import dev.cairn.core.plugins.PluginErrors;
import dev.cairn.core.plugins.PluginFormat;
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

    private final Path scratch;
    // The importers' names and extensions were read when the plugins loaded: drops and file choosers ask on the
    // JavaFX thread, where no plugin code may run.
    private final Map<String, PluginFormat<ModelImporter>> importers = new HashMap<>();
    private final List<String> extensions;
    private final String description;

    /** @param scratch where converted files are written for the time of a registration */
    public ModelImports(Plugins plugins, Path scratch) {
        this.scratch = scratch;
        List<String> all = new ArrayList<>(List.of("onnx"));
        List<String> formats = new ArrayList<>(List.of("ONNX"));
        for (PluginFormat<ModelImporter> importer : plugins.modelImporters()) {
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
    Optional<PluginFormat<ModelImporter>> importerFor(Path file) {
        return Optional.ofNullable(importers.get(FileKinds.extension(file)));
    }

    /** A converted file, deleted with its scratch folder (and whatever else the importer wrote there) on close. */
    record Converted(Path onnx, Path folder) implements AutoCloseable {
        @Override
        public void close() {
            Folders.deleteQuietly(folder);
        }
    }

    /** Converts {@code file} with {@code importer} into an ONNX file named after it. */
    Converted convert(Path file, PluginFormat<ModelImporter> importer) {
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
            importer.service().convert(file, converted.onnx());
        } catch (PluginException e) {
            converted.close();
            throw new CairnException(fileName + ": " + e.getMessage(), e);
        } catch (IOException e) {
            converted.close();
            throw new CairnException("Cannot convert " + fileName + " (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + ")", e);
        } catch (Throwable e) {
            converted.close();
            PluginErrors.rethrowIfFatal(e);
            throw new CairnException("The " + importer.formatName() + " importer of " + importer.owner()
                    + " failed on " + fileName + ": " + e, e);
        }
        if (!Files.isRegularFile(converted.onnx())) {
            converted.close();
            throw new CairnException("The " + importer.formatName() + " importer of " + importer.owner()
                    + " wrote no ONNX file for " + fileName);
        }
        return converted;
    }
}
