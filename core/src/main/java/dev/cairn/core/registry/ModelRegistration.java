package dev.cairn.core.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.core.error.CairnException;
import dev.cairn.core.onnx.ModelInspector;
import dev.cairn.core.onnx.ModelReport;
import dev.cairn.core.progress.Cancellation;
import dev.cairn.core.progress.ProgressListener;
import dev.cairn.core.tracking.RunStore;
import dev.cairn.runtime.model.ModelLoadException;
import dev.cairn.runtime.model.ModelRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Registers an ONNX file as a new model version: checks its size, parses it, loads it with ONNX Runtime,
 * stores its bytes once by SHA-256, and records provenance. A file that fails any check registers nothing.
 */
public final class ModelRegistration {

    /** Protobuf cannot parse a single message of 2 GiB or more; larger models need external data. */
    public static final long DEFAULT_MAX_BYTES = Integer.MAX_VALUE;

    /**
     * What registering did.
     *
     * @param alreadyRegistered true when this model already had a version with these exact bytes, which is returned
     *                          instead of a new one
     */
    public record Result(ModelVersion version, ModelReport report, boolean alreadyRegistered) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ModelRegistry registry;
    private final ContentStore files;
    private final RunStore runs;
    private final long maxBytes;
    private final ModelImports imports;

    /** @param imports converts files of the plugins' model formats to ONNX first */
    public ModelRegistration(ModelRegistry registry, ContentStore files, RunStore runs, long maxBytes,
            ModelImports imports) {
        this.registry = registry;
        this.files = files;
        this.runs = runs;
        this.maxBytes = maxBytes;
        this.imports = imports;
    }

    /** The model files this registers: ONNX, and the formats of the plugins' model importers. */
    public ModelImports imports() {
        return imports;
    }

    /**
     * Registers {@code file} under {@code name}, creating the registered model if it is new.
     *
     * @param runId the run that produced the model, or null
     */
    public Result register(Path file, String name, String runId, String description, ProgressListener progress,
                           Cancellation cancellation) {
        String fileName = file.getFileName().toString();
        checkFile(file, fileName);
        if (runId != null && !runId.isBlank()) {
            runs.get(runId); // an unknown run fails here, before anything is stored
        }
        var importer = imports.importerFor(file);
        if (importer.isEmpty()) {
            return registerOnnx(file, fileName, name, runId, description, progress, cancellation);
        }
        progress.progress(-1, -1, "Converting " + fileName + " to ONNX (" + importer.get().formatName() + ")");
        try (ModelImports.Converted converted = imports.convert(file, importer.get())) {
            cancellation.throwIfCancelled();
            checkFile(converted.onnx(), converted.onnx().getFileName().toString());
            return registerOnnx(converted.onnx(), fileName, name, runId, description, progress, cancellation);
        }
    }

    /** @param fileName the name the user's file has, which provenance keeps (the converted file's is a scratch name) */
    private Result registerOnnx(Path file, String fileName, String name, String runId, String description,
            ProgressListener progress, Cancellation cancellation) {
        progress.progress(-1, -1, "Reading " + fileName);
        ModelReport report = ModelInspector.inspect(file);
        cancellation.throwIfCancelled();
        progress.progress(-1, -1, "Loading " + fileName + " with ONNX Runtime");
        checkLoads(file);
        cancellation.throwIfCancelled();
        ContentStore.StoredFile stored = files.put(file, progress, cancellation);
        var existing = registry.versionWithFile(name, stored.sha256());
        if (existing.isPresent()) {
            return new Result(existing.get(), report, true);
        }
        Provenance provenance = new Provenance(stored.sha256(), stored.sizeBytes(), fileName, report.producerName(),
                report.producerVersion(), report.irVersion(), report.opsets(), signature(report));
        ModelVersion version = registry.registerVersion(name, stored.path().toUri().toString(), runId, description,
                provenance);
        return new Result(version, report, false);
    }

    /** A session that opens is a model this machine's ONNX Runtime can run. */
    private static void checkLoads(Path file) {
        try (ModelRunner runner = ModelRunner.open(file)) {
            runner.inputs();
        } catch (ModelLoadException e) {
            throw new CairnException(e.getMessage(), e);
        }
    }

    private void checkFile(Path file, String fileName) {
        if (!Files.isRegularFile(file)) {
            throw new CairnException("No model file at " + file);
        }
        long size;
        try {
            size = Files.size(file);
        } catch (java.io.IOException e) {
            throw new CairnException("Could not read " + fileName + ": " + e.getMessage(), e);
        }
        if (size > maxBytes) {
            throw new CairnException(String.format(Locale.ROOT, "%s is %,d bytes, over the limit of %,d bytes for one "
                    + "model file. Models this large keep their weights in external data files.", fileName, size, maxBytes));
        }
        if (size == 0) {
            throw new CairnException(fileName + " is empty, not an ONNX model");
        }
    }

    /** The inputs and outputs as JSON: [{name, type, shape}], the signature shown in the registry. */
    static String signature(ModelReport report) {
        ObjectNode signature = JSON.createObjectNode();
        values(signature.putArray("inputs"), report.inputs());
        values(signature.putArray("outputs"), report.outputs());
        return signature.toString();
    }

    private static void values(ArrayNode array, java.util.List<ModelReport.ValueReport> values) {
        for (ModelReport.ValueReport value : values) {
            ObjectNode node = array.addObject().put("name", value.name()).put("type", value.type());
            if (value.shape() != null) {
                ArrayNode shape = node.putArray("shape");
                value.shape().forEach(shape::add);
            }
        }
    }
}
