package dev.cairn.app.cli;

import dev.cairn.app.registry.ResultTable;
import dev.cairn.core.error.CairnException;
import dev.cairn.core.registry.ModelVersion;
import dev.cairn.core.registry.RegistryServices;
import dev.cairn.core.tracking.TrackingServices;
import dev.cairn.core.workspace.Workspace;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    private static final Pattern REGISTERED = Pattern.compile("^(.+):([A-Za-z0-9_\\-]+)$");

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
        Path file = Path.of(model);
        String modelName = file.getFileName() == null ? model : file.getFileName().toString();
        String modelVersion = null;
        if (!Files.isRegularFile(file)) {
            Matcher registered = REGISTERED.matcher(model);
            if (!registered.matches()) {
                throw new CairnException("No model file at " + model + " (a registered model is given as NAME:VERSION)");
            }
            Resolved resolved = resolve(registered.group(1), registered.group(2));
            modelName = resolved.version.name();
            modelVersion = Integer.toString(resolved.version.version());
            file = resolved.file;
        }
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

    private record Resolved(ModelVersion version, Path file) {
    }

    /** The registered version (by number or alias) and its stored file. */
    private Resolved resolve(String name, String version) {
        Path home = parent.home();
        LogSetup.useDataDirectory(home);
        try (Workspace workspace = Workspace.open(home)) {
            RegistryServices registry = RegistryServices.of(workspace, TrackingServices.of(workspace));
            ModelVersion found = version.chars().allMatch(Character::isDigit)
                    ? registry.registry().getVersion(name, Integer.parseInt(version))
                    : registry.registry().versionByAlias(name, version);
            if (found.provenance() == null) {
                throw new CairnException(found.name() + " version " + found.version() + " was registered over "
                        + "MLflow's API; its file is not in Cairn's store (source: " + found.source() + ")");
            }
            return new Resolved(found, registry.files().path(found.provenance().sha256()));
        }
    }
}
