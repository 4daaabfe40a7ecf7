package dev.cairn.app.cli;

import dev.cairn.app.registry.ResultTable;
import dev.cairn.core.error.CairnException;
import dev.cairn.runtime.codec.CsvBatchReader;
import dev.cairn.runtime.codec.InferenceRequest;
import dev.cairn.runtime.codec.OipJson;
import dev.cairn.runtime.model.Cancellation;
import dev.cairn.runtime.model.InferenceException;
import dev.cairn.runtime.model.ModelLoadException;
import dev.cairn.runtime.model.ModelRunner;
import dev.cairn.runtime.model.RunResult;
import dev.cairn.runtime.tensor.UnsupportedTypeException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code cairn predict FILE|NAME:VERSION --input FILE.json|FILE.csv [--json]}: the playground headless. A JSON
 * input is an Open Inference Protocol request body; {@code --json} prints the protocol's response body.
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Runs a model on inputs from a file.",
            "MODEL is an .onnx file or a registered NAME:VERSION (VERSION may be an alias such as champion).",
            "A .json input is an Open Inference Protocol request ({\"inputs\": [{\"name\", \"shape\", \"datatype\", "
                    + "\"data\"}]}); a .csv input has a header naming the inputs, one row per example."})
final class PredictCommand implements Callable<Integer> {

    @ParentCommand
    private CairnCommand parent;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "MODEL", description = "An .onnx file or NAME:VERSION of a registered model.")
    private String model;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "A .json request body or a .csv batch.")
    private Path input;

    @Option(names = "--json", description = "Print an Open Inference Protocol response body instead of a table.")
    private boolean json;

    @Override
    public Integer call() throws IOException {
        ModelReference reference = ModelReference.resolve(model, parent.home());
        Path file = reference.file();
        String modelName = reference.name();
        String modelVersion = reference.version();
        if (!Files.isRegularFile(input)) {
            throw new CairnException("No input file at " + input);
        }
        String text = Files.readString(input, StandardCharsets.UTF_8);
        try (ModelRunner runner = ModelRunner.open(file)) {
            InferenceRequest request = input.toString().toLowerCase(Locale.ROOT).endsWith(".csv")
                    ? InferenceRequest.of(CsvBatchReader.read(text, runner.inputs()))
                    : OipJson.readRequest(text, runner.inputs());
            RunResult result = runner.run(request.inputs(), request.outputNames(), new Cancellation());
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(OipJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(
                        OipJson.writeResponse(modelName, modelVersion, request.id(), result.outputs())));
            } else {
                StringWriter csv = new StringWriter();
                ResultTable.of(result.outputs()).writeCsv(csv);
                out.print(csv.toString().replace("\r\n", System.lineSeparator()));
                spec.commandLine().getErr().printf(Locale.ROOT, "Inference took %.3f ms%n", result.inferenceNanos() / 1e6);
            }
            out.flush();
            return 0;
        } catch (ModelLoadException | IllegalArgumentException | UnsupportedTypeException | InferenceException e) {
            // The runtime's errors name the input and what was expected; they are the user's one line.
            throw new CairnException(e.getMessage(), e);
        }
    }
}
