package dev.cairn.runtime.model;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.RunOptions;
import ai.onnxruntime.SequenceInfo;
import ai.onnxruntime.MapInfo;
import ai.onnxruntime.TensorInfo;
import ai.onnxruntime.ValueInfo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.runtime.codec.InferenceRequest;
import dev.cairn.runtime.codec.OipJson;
import dev.cairn.runtime.onnx.format.OnnxFormat.ValueInfoProto;
import dev.cairn.runtime.tensor.ElementType;
import dev.cairn.runtime.tensor.InputValidator;
import dev.cairn.runtime.tensor.InvalidInputException;
import dev.cairn.runtime.tensor.IoKind;
import dev.cairn.runtime.tensor.IoSpec;
import dev.cairn.runtime.tensor.OnnxProtoTypes;
import dev.cairn.runtime.tensor.OptionalValue;
import dev.cairn.runtime.tensor.OrtValues;
import dev.cairn.runtime.tensor.Shape;
import dev.cairn.runtime.tensor.Tensor;
import dev.cairn.runtime.tensor.UnsupportedTypeException;
import dev.cairn.runtime.tensor.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * One loaded ONNX model, ready to run: it describes its inputs and outputs, checks what it is given against them,
 * runs ONNX Runtime and hands back plain Java values. Shared by the CLI, the GUI playground and the model server.
 *
 * <p>Thread-safe: several threads may call {@link #run} at once (ONNX Runtime's session is), and any thread may
 * cancel runs in flight. {@link #close()} waits for running inferences after asking them to stop.
 */
public final class ModelRunner implements AutoCloseable {

    private static OrtEnvironment environment;

    private final String displayName;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final List<IoSpec> inputs;
    private final List<IoSpec> outputs;
    private final Set<ActiveRun> inFlight = ConcurrentHashMap.newKeySet();
    private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private boolean closed;
    private long sessionCreationNanos;

    private ModelRunner(String displayName, OrtEnvironment env, OrtSession session, List<IoSpec> inputs,
            List<IoSpec> outputs) {
        this.displayName = displayName;
        this.env = env;
        this.session = session;
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
    }

    /** Opens a model file with ONNX Runtime's default session options. */
    public static ModelRunner open(Path modelFile) throws ModelLoadException {
        return open(modelFile, RunnerOptions.defaults());
    }

    /**
     * Opens a model file; external weight files are found next to it.
     *
     * @throws ModelLoadException naming the file and the reason (missing, not ONNX, truncated, opset too new,
     *     missing locale, operator without a kernel, ...)
     */
    public static ModelRunner open(Path modelFile, RunnerOptions options) throws ModelLoadException {
        String name = modelFile.getFileName() == null ? modelFile.toString() : modelFile.getFileName().toString();
        if (!Files.exists(modelFile)) {
            throw new ModelLoadException(name, ModelLoadException.Reason.NOT_FOUND, "the file does not exist ("
                    + modelFile.toAbsolutePath() + ")", null, null);
        }
        if (!Files.isRegularFile(modelFile) || !Files.isReadable(modelFile)) {
            throw new ModelLoadException(name, ModelLoadException.Reason.NOT_READABLE, "it is not a readable file ("
                    + modelFile.toAbsolutePath() + ")", null, null);
        }
        try {
            if (Files.size(modelFile) == 0) {
                throw new ModelLoadException(name, ModelLoadException.Reason.EMPTY_FILE, "the file is empty", null, null);
            }
        } catch (IOException e) {
            throw new ModelLoadException(name, ModelLoadException.Reason.NOT_READABLE, e.toString(), null, e);
        }
        OrtEnvironment env = environment(name);
        OrtSession session;
        long creationNanos;
        try (OrtSession.SessionOptions sessionOptions = sessionOptions(options)) {
            long start = System.nanoTime();
            session = env.createSession(modelFile.toString(), sessionOptions);
            creationNanos = System.nanoTime() - start;
        } catch (OrtException e) {
            throw LoadFailures.explain(name, e, modelFile, null, env.getVersion());
        }
        GraphSignatureReader.Declared declared;
        try {
            declared = GraphSignatureReader.read(modelFile);
        } catch (IOException | RuntimeException e) {
            declared = null; // ONNX Runtime's own description is the fallback
        }
        ModelRunner runner = create(name, env, session, declared);
        runner.sessionCreationNanos = creationNanos;
        return runner;
    }

    /** Opens a model held in memory; {@code displayName} is what messages call it. */
    public static ModelRunner open(byte[] model, String displayName, RunnerOptions options) throws ModelLoadException {
        if (model.length == 0) {
            throw new ModelLoadException(displayName, ModelLoadException.Reason.EMPTY_FILE, "the model is empty", null,
                    null);
        }
        OrtEnvironment env = environment(displayName);
        OrtSession session;
        try (OrtSession.SessionOptions sessionOptions = sessionOptions(options)) {
            session = env.createSession(model, sessionOptions);
        } catch (OrtException e) {
            throw LoadFailures.explain(displayName, e, null, model, env.getVersion());
        }
        GraphSignatureReader.Declared declared;
        try {
            declared = GraphSignatureReader.read(model);
        } catch (IOException | RuntimeException e) {
            declared = null;
        }
        return create(displayName, env, session, declared);
    }

    private static synchronized OrtEnvironment environment(String modelName) throws ModelLoadException {
        if (environment == null) {
            try {
                // One process-wide environment. FATAL keeps ORT's own log lines off the CLI's stderr: every error it
                // would log also reaches the caller as an exception carrying ORT's message.
                environment = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL, "cairn");
            } catch (RuntimeException | LinkageError e) {
                throw new ModelLoadException(modelName, ModelLoadException.Reason.RUNTIME_UNAVAILABLE,
                        "ONNX Runtime's native library could not be loaded on this platform (glibc Linux x64/aarch64, "
                                + "macOS arm64 and Windows x64 are supported)", e.toString(), e);
            }
        }
        return environment;
    }

    /** ONNX Runtime's version, e.g. {@code 1.29.0}. */
    public static String ortVersion() throws ModelLoadException {
        return environment("ONNX Runtime").getVersion();
    }

    private static OrtSession.SessionOptions sessionOptions(RunnerOptions options) throws OrtException {
        OrtSession.SessionOptions sessionOptions = new OrtSession.SessionOptions();
        try {
            if (options.intraOpThreads() > 0) {
                sessionOptions.setIntraOpNumThreads(options.intraOpThreads());
            }
            if (options.interOpThreads() > 0) {
                sessionOptions.setInterOpNumThreads(options.interOpThreads());
            }
            sessionOptions.setExecutionMode(options.executionMode());
            sessionOptions.setOptimizationLevel(options.optimizationLevel());
            if (options.cuda()) {
                sessionOptions.addCUDA(0);
            }
            return sessionOptions;
        } catch (OrtException | RuntimeException e) {
            sessionOptions.close();
            throw e;
        }
    }

    private static ModelRunner create(String name, OrtEnvironment env, OrtSession session,
            GraphSignatureReader.Declared declared)
            throws ModelLoadException {
        try {
            List<IoSpec> inputs = describe(session.getInputNames(), declared == null ? null : declared.inputs(),
                    session, true);
            List<IoSpec> outputs = describe(session.getOutputNames(), declared == null ? null : declared.outputs(),
                    session, false);
            return new ModelRunner(name, env, session, inputs, outputs);
        } catch (RuntimeException e) {
            closeQuietly(session);
            throw new ModelLoadException(name, ModelLoadException.Reason.INVALID_MODEL,
                    "its inputs and outputs could not be described", e.toString(), e);
        }
    }

    /**
     * Describes each name ORT lists (which leaves out IR 3 initializers posing as inputs) from the protobuf where
     * possible, from ORT's own description otherwise.
     */
    private static List<IoSpec> describe(Set<String> names, List<ValueInfoProto> declared, OrtSession session,
            boolean isInput) {
        Map<String, IoSpec> fromProto = new HashMap<>();
        if (declared != null) {
            for (ValueInfoProto info : declared) {
                fromProto.putIfAbsent(info.getName(), OnnxProtoTypes.toIoSpec(info));
            }
        }
        Map<String, NodeInfo> fromOrt = null;
        List<IoSpec> specs = new ArrayList<>(names.size());
        for (String name : names) {
            IoSpec spec = fromProto.get(name);
            if (spec == null) {
                if (fromOrt == null) {
                    fromOrt = ortInfo(session, isInput);
                }
                spec = fromOrt(name, fromOrt.get(name));
            }
            specs.add(spec);
        }
        return specs;
    }

    private static Map<String, NodeInfo> ortInfo(OrtSession session, boolean isInput) {
        try {
            return isInput ? session.getInputInfo() : session.getOutputInfo();
        } catch (OrtException e) {
            // ORT's Java API throws for optional types; those names then get an "unknown" description.
            return Map.of();
        }
    }

    private static IoSpec fromOrt(String name, NodeInfo node) {
        ValueInfo info = node == null ? null : node.getInfo();
        if (info instanceof TensorInfo tensor) {
            ElementType type = ElementType.fromOrt(tensor).orElse(null);
            String[] dimNames = tensor.getDimensionNames();
            return IoSpec.tensor(name, type, new Shape(tensor.getShape(), dimNames));
        }
        if (info instanceof SequenceInfo sequence) {
            if (sequence.sequenceOfMaps) {
                return mapSpec(name, IoKind.SEQUENCE, sequence.mapInfo, true);
            }
            ElementType type = ElementType.fromOrt(sequence.sequenceType).orElse(null);
            return new IoSpec(name, IoKind.SEQUENCE, type, null, Shape.UNKNOWN_RANK,
                    "seq(tensor(" + (type == null ? "undefined" : type.onnxName()) + "))");
        }
        if (info instanceof MapInfo map) {
            return mapSpec(name, IoKind.MAP, map, false);
        }
        return new IoSpec(name, IoKind.TENSOR, null, null, Shape.UNKNOWN_RANK, "unknown");
    }

    private static IoSpec mapSpec(String name, IoKind kind, MapInfo map, boolean inSequence) {
        ElementType key = ElementType.fromOrt(map.keyType).orElse(null);
        ElementType value = ElementType.fromOrt(map.valueType).orElse(null);
        String text = "map(" + (key == null ? "undefined" : key.onnxName()) + ","
                + (value == null ? "undefined" : value.onnxName()) + ")";
        return new IoSpec(name, kind, value, key, Shape.UNKNOWN_RANK, inSequence ? "seq(" + text + ")" : text);
    }

    /** How long ONNX Runtime took to create the session from a file (0 for models opened from memory). */
    public long sessionCreationNanos() {
        return sessionCreationNanos;
    }

    /**
     * The ONNX Runtime session itself, for benchmark loops that must call {@code session.run} with nothing around
     * it. The runner keeps ownership: never close it, and stop using it before closing the runner.
     */
    public OrtSession session() {
        return session;
    }

    /** The process-wide ONNX Runtime environment this runner's session lives in. */
    public OrtEnvironment environment() {
        return env;
    }

    /** The name messages use for this model (the file name). */
    public String displayName() {
        return displayName;
    }

    /** The model's inputs, in graph order. */
    public List<IoSpec> inputs() {
        return inputs;
    }

    /** The model's outputs, in graph order. */
    public List<IoSpec> outputs() {
        return outputs;
    }

    /** The input of that name. */
    public Optional<IoSpec> input(String name) {
        return inputs.stream().filter(spec -> spec.name().equals(name)).findFirst();
    }

    /** The output of that name. */
    public Optional<IoSpec> output(String name) {
        return outputs.stream().filter(spec -> spec.name().equals(name)).findFirst();
    }

    /** Runs the model for all outputs; see {@link #run(List, Collection, Cancellation)}. */
    public RunResult run(List<? extends Value> inputValues) {
        return run(inputValues, List.of(), null);
    }

    /**
     * Checks the inputs against the model, runs it, and copies the requested outputs into Java memory.
     *
     * @param inputValues one value per model input, named after it, in any order
     * @param outputNames the outputs wanted; empty for all
     * @param cancellation lets another thread stop this run; may be null
     * @throws InvalidInputException for unknown, missing or duplicate inputs, wrong types or shapes, unknown outputs
     * @throws UnsupportedTypeException for inputs or outputs ONNX Runtime's Java API cannot create or read
     * @throws InferenceCancelledException when cancelled
     * @throws InferenceException when ONNX Runtime fails during the run
     * @throws IllegalStateException after {@link #close()}
     */
    public RunResult run(List<? extends Value> inputValues, Collection<String> outputNames, Cancellation cancellation) {
        lifecycle.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("model '" + displayName + "' is closed");
            }
            InputValidator.checkAll(inputs, inputValues);
            List<IoSpec> wanted = wantedOutputs(outputNames);
            return execute(inputValues, wanted, cancellation);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    private List<IoSpec> wantedOutputs(Collection<String> outputNames) {
        List<IoSpec> wanted = new ArrayList<>();
        if (outputNames == null || outputNames.isEmpty()) {
            wanted.addAll(outputs);
        } else {
            for (String name : new LinkedHashSet<>(outputNames)) {
                wanted.add(output(name).orElseThrow(() -> new InvalidInputException("unknown output '" + name
                        + "'; the model's outputs are: " + InputValidator.list(outputs))));
            }
        }
        for (IoSpec spec : wanted) {
            boolean readable = switch (spec.kind()) {
                case TENSOR -> spec.elementType() != null && spec.elementType().isHoldable();
                case SPARSE_TENSOR -> false;
                default -> true; // ORT decides what it can unpack; OrtValues reports what it cannot
            };
            if (!readable) {
                throw UnsupportedTypeException.cannotRead(spec.name(), spec.typeForMessages());
            }
        }
        return wanted;
    }

    private RunResult execute(List<? extends Value> inputValues, List<IoSpec> wanted, Cancellation cancellation) {
        Map<String, OnnxTensor> feeds = new LinkedHashMap<>();
        Set<String> wantedNames = new LinkedHashSet<>();
        wanted.forEach(spec -> wantedNames.add(spec.name()));
        ActiveRun active = null;
        try {
            active = new ActiveRun(new RunOptions());
            for (Value value : inputValues) {
                feeds.put(value.name(), OrtValues.toOnnxTensor(env, (Tensor) value));
            }
            inFlight.add(active);
            if (cancellation != null) {
                cancellation.attach(active.options);
            }
            long start = System.nanoTime();
            try (OrtSession.Result result = session.run(feeds, wantedNames, active.options)) {
                long nanos = System.nanoTime() - start;
                Map<String, Value> values = new LinkedHashMap<>();
                for (IoSpec spec : wanted) {
                    values.put(spec.name(), convert(spec, result.get(spec.name()).orElse(null)));
                }
                return new RunResult(values, nanos);
            }
        } catch (OrtException e) {
            if ((active != null && active.terminated) || (cancellation != null && cancellation.isCancelled())) {
                throw new InferenceCancelledException("inference on model '" + displayName + "' was cancelled", e);
            }
            throw new InferenceException("ONNX Runtime failed to run model '" + displayName + "': "
                    + e.getMessage(), e);
        } finally {
            // Detach before closing the run options, so no other thread can set a flag on freed native memory.
            if (cancellation != null) {
                cancellation.detach();
            }
            if (active != null) {
                inFlight.remove(active);
                active.close();
            }
            feeds.values().forEach(OnnxTensor::close);
        }
    }

    private static Value convert(IoSpec spec, OnnxValue value) throws OrtException {
        if (spec.kind() == IoKind.OPTIONAL) {
            return new OptionalValue(spec.name(), value == null ? null : OrtValues.fromOnnxValue(spec.name(), value));
        }
        if (value == null) {
            throw UnsupportedTypeException.cannotRead(spec.name(), spec.typeForMessages());
        }
        return OrtValues.fromOnnxValue(spec.name(), value);
    }

    /**
     * Answers an Open Inference Protocol request body: decodes and checks it against the model, runs, and writes
     * the response body ({@link OipJson} documents how sequences and maps are written).
     *
     * @param modelVersion written as {@code model_version}; null leaves it out
     */
    public ObjectNode infer(JsonNode requestBody, String modelName, String modelVersion) {
        return infer(OipJson.readRequest(requestBody, inputs), modelName, modelVersion);
    }

    /** Runs a decoded request and writes the response body; the request id is echoed. */
    public ObjectNode infer(InferenceRequest request, String modelName, String modelVersion) {
        RunResult result = run(request.inputs(), request.outputNames(), null);
        return OipJson.writeResponse(modelName, modelVersion, request.id(), result.outputs());
    }

    /** Asks every inference now running on this model to stop; each fails with {@link InferenceCancelledException}. */
    public void cancelAll() {
        for (ActiveRun run : inFlight) {
            run.terminate();
        }
    }

    /** Cancels running inferences, waits for them to return, and frees the session's native memory. */
    @Override
    public void close() {
        cancelAll();
        lifecycle.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                closeQuietly(session);
            }
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    private static void closeQuietly(OrtSession session) {
        try {
            session.close();
        } catch (OrtException e) {
            // Closing a session only frees memory; a failure leaves nothing for the caller to do.
        }
    }

    @Override
    public String toString() {
        return "ModelRunner(" + displayName + ", inputs: " + InputValidator.list(inputs) + "; outputs: "
                + InputValidator.list(outputs) + ")";
    }

    /** The run options of one inference in flight, so that {@link #cancelAll()} can reach it. */
    private static final class ActiveRun {
        private final RunOptions options;
        private volatile boolean terminated;
        private boolean closed;

        ActiveRun(RunOptions options) {
            this.options = options;
        }

        synchronized void terminate() {
            if (!closed) {
                terminated = true;
                Cancellation.terminate(options);
            }
        }

        synchronized void close() {
            closed = true;
            options.close();
        }
    }
}
