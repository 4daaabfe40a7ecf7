package dev.cairn.app.registry;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.app.task.BackgroundTask;
import dev.cairn.app.task.TaskExecutor;
import dev.cairn.runtime.codec.CsvBatchReader;
import dev.cairn.runtime.codec.InferenceRequest;
import dev.cairn.runtime.codec.OipJson;
import dev.cairn.runtime.model.Cancellation;
import dev.cairn.runtime.model.ModelRunner;
import dev.cairn.runtime.model.RunResult;
import dev.cairn.runtime.tensor.IoKind;
import dev.cairn.runtime.tensor.IoSpec;
import dev.cairn.runtime.tensor.Tensor;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The inference playground of one model file: opens an ONNX Runtime session off the JavaFX thread, builds
 * requests from a form, an Open Inference Protocol JSON body or a CSV batch, runs them (cancellable), and keeps
 * the result as a table and as the protocol's JSON response.
 */
public final class PlaygroundViewModel implements AutoCloseable {

    /** Inputs with at most this many values (dynamic dimensions taken as 1) get form fields; larger ones JSON. */
    static final int FORM_LIMIT = 16;

    private final Path file;
    private final TaskExecutor tasks;
    private final ObservableList<IoSpec> inputs = FXCollections.observableArrayList();
    private final StringProperty requestJson = new SimpleStringProperty("");
    private final StringProperty responseJson = new SimpleStringProperty("");
    private final ObjectProperty<ResultTable> result = new SimpleObjectProperty<>();
    private final StringProperty status = new SimpleStringProperty("Opening the model\u2026");
    private final StringProperty error = new SimpleStringProperty("");
    private final BooleanProperty ready = new SimpleBooleanProperty();
    private final BooleanProperty running = new SimpleBooleanProperty();
    private final AtomicReference<ModelRunner> runner = new AtomicReference<>();
    private final AtomicReference<Cancellation> inFlight = new AtomicReference<>();
    private volatile boolean closed;

    public PlaygroundViewModel(Path file, TaskExecutor tasks) {
        this.file = file;
        this.tasks = tasks;
    }

    /** Opens the session in the background; {@link #ready()} turns true when it can run. */
    public void open() {
        tasks.execute(BackgroundTask.of("Opening " + file.getFileName() + " with ONNX Runtime", (progress, cancellation) -> {
            ModelRunner opened = ModelRunner.open(file);
            if (closed) {
                opened.close();
                return null;
            }
            runner.set(opened);
            return opened;
        }).onSuccess(opened -> {
            if (opened == null) {
                return;
            }
            inputs.setAll(opened.inputs());
            requestJson.set(template(opened.inputs()));
            ready.set(true);
            status.set("Ready. Inputs: " + opened.inputs().size() + ", outputs: " + opened.outputs().size() + ".");
        }).onError(Exception.class, e -> {
            status.set("");
            error.set(e.getMessage());
        }));
    }

    public ObservableList<IoSpec> inputs() {
        return inputs;
    }

    /** The Open Inference Protocol request body; starts as a template with every input filled with zeros. */
    public StringProperty requestJson() {
        return requestJson;
    }

    /** The Open Inference Protocol response body of the last run. */
    public StringProperty responseJson() {
        return responseJson;
    }

    public ObjectProperty<ResultTable> result() {
        return result;
    }

    public StringProperty status() {
        return status;
    }

    /** What went wrong with the last request, naming the input; empty when it ran. */
    public StringProperty error() {
        return error;
    }

    public BooleanProperty ready() {
        return ready;
    }

    public BooleanProperty running() {
        return running;
    }

    /** Whether an input is small enough for form fields. */
    public static boolean fitsForm(IoSpec input) {
        if (input.kind() != IoKind.TENSOR || !input.isOrtJavaBuildable() || !input.shape().isRankKnown()) {
            return false;
        }
        long count = 1;
        for (long dim : formShape(input)) {
            count *= dim;
        }
        return count >= 1 && count <= FORM_LIMIT;
    }

    /** The input's shape with every dynamic dimension taken as 1: one example. */
    public static long[] formShape(IoSpec input) {
        long[] dims = input.shape().dims().clone();
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] < 0) {
                dims[i] = 1;
            }
        }
        return dims;
    }

    /** Runs the form's values: one string per element of each form input, in row-major order. */
    public void runForm(Map<String, List<String>> values) {
        ObjectNode body = OipJson.mapper().createObjectNode();
        ArrayNode list = body.putArray("inputs");
        for (IoSpec input : inputs) {
            List<String> given = values.get(input.name());
            if (given == null) {
                continue;
            }
            ObjectNode node = list.addObject().put("name", input.name())
                    .put("datatype", input.elementType().oipDatatype());
            ArrayNode shape = node.putArray("shape");
            for (long dim : formShape(input)) {
                shape.add(dim);
            }
            ArrayNode data = node.putArray("data");
            for (String text : given) {
                addValue(data, input, text.trim());
            }
        }
        runJson(body.toString());
    }

    /** A form field's text as the JSON value its type takes; text that does not parse goes as is, to be named. */
    private static void addValue(ArrayNode data, IoSpec input, String text) {
        try {
            switch (input.elementType()) {
                case STRING -> data.add(text);
                case BOOL -> data.add(text.equalsIgnoreCase("true") || text.equals("1") ? Boolean.TRUE
                        : text.equalsIgnoreCase("false") || text.equals("0") ? Boolean.FALSE : null);
                case FLOAT, DOUBLE, FLOAT16, BFLOAT16 -> data.add(Double.parseDouble(text));
                default -> data.add(Long.parseLong(text));
            }
        } catch (NumberFormatException e) {
            data.add(text);
        }
    }

    /** Runs an Open Inference Protocol request body. */
    public void runJson(String body) {
        run("Running " + file.getFileName(), model -> OipJson.readRequest(body, model.inputs()));
    }

    /** Runs a CSV batch: a header naming the inputs (or the columns of a single [N, K] input), a row per example. */
    public void runCsv(Path csv) {
        run("Running " + csv.getFileName(), model -> InferenceRequest.of(
                CsvBatchReader.read(Files.readString(csv, StandardCharsets.UTF_8), model.inputs())));
    }

    private interface RequestReader {
        InferenceRequest read(ModelRunner model) throws Exception;
    }

    private void run(String title, RequestReader reader) {
        ModelRunner model = runner.get();
        if (model == null || running.get()) {
            return;
        }
        Cancellation cancellation = new Cancellation();
        inFlight.set(cancellation);
        error.set("");
        tasks.execute(BackgroundTask.of(title, (progress, cancelled) -> {
            InferenceRequest request = reader.read(model);
            RunResult run = model.run(request.inputs(), request.outputNames(), cancellation);
            String response = OipJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(
                    OipJson.writeResponse(file.getFileName().toString(), null, request.id(), run.outputs()));
            return new Outcome(ResultTable.of(run.outputs()), response, run.inferenceNanos(),
                    request.inputs().isEmpty() ? 0 : batch(request.inputs().get(0)));
        }).busy(running).onSuccess(outcome -> {
            result.set(outcome.table);
            responseJson.set(outcome.response);
            status.set(String.format(java.util.Locale.ROOT, "Inference took %.3f ms (session.run only)%s.",
                    outcome.nanos / 1e6, outcome.batch > 1 ? " for a batch of " + outcome.batch : ""));
        }).onError(Exception.class, e -> error.set(e.getMessage())).andFinally(() -> inFlight.set(null)));
    }

    private record Outcome(ResultTable table, String response, long nanos, long batch) {
    }

    private static long batch(Tensor first) {
        return first.shape().length == 0 ? 1 : first.shape()[0];
    }

    /** Stops the inference that is running. */
    public void cancel() {
        Cancellation cancellation = inFlight.get();
        if (cancellation != null) {
            cancellation.cancel();
        }
    }

    /** Writes the result table as CSV, off the JavaFX thread. */
    public void exportCsv(Path target) {
        ResultTable table = result.get();
        if (table == null) {
            return;
        }
        tasks.execute(BackgroundTask.of("Exporting " + target.getFileName(), (progress, cancellation) -> {
            try (Writer out = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
                table.writeCsv(out);
            }
            return target;
        }).onSuccess(written -> status.set("Exported " + table.rows().size() + " rows to " + written + ".")));
    }

    /** A request with each input at one example, filled with zeros (empty strings, false). */
    static String template(List<IoSpec> inputs) {
        ObjectNode body = OipJson.mapper().createObjectNode();
        ArrayNode list = body.putArray("inputs");
        for (IoSpec input : inputs) {
            if (input.kind() != IoKind.TENSOR || !input.isOrtJavaBuildable() || !input.shape().isRankKnown()) {
                continue;
            }
            long[] shape = formShape(input);
            list.add(OipJson.writeTensor(Tensor.zeros(input.name(), input.elementType(), shape)));
        }
        try {
            return OipJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return body.toString();
        }
    }

    /** Closes the session (native memory) once nothing runs on it. */
    @Override
    public void close() {
        closed = true;
        cancel();
        ModelRunner open = runner.getAndSet(null);
        if (open != null) {
            tasks.execute(BackgroundTask.of("Closing " + file.getFileName(), (progress, cancellation) -> {
                open.close();
                return null;
            }));
        }
    }
}
