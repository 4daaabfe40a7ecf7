package dev.cairn.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.cairn.core.onnx.ModelInspector;
import dev.cairn.core.onnx.ModelReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cairn inspect FILE [--json]}: what an ONNX file holds, as Netron's properties panel shows it. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Shows an ONNX model's header, opsets, metadata, inputs, outputs, operators and weights.")
final class InspectCommand implements Callable<Integer> {

    private static final int LONG_VALUE = 120;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The .onnx file.")
    private Path file;

    @Option(names = "--json", description = "Print the report as JSON.")
    private boolean json;

    @Override
    public Integer call() throws Exception {
        ModelReport report = ModelInspector.inspect(file);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
        } else {
            print(report, out);
        }
        out.flush();
        return 0;
    }

    static void print(ModelReport r, PrintWriter out) {
        out.printf(Locale.ROOT, "%s (%,d bytes)%n", r.fileName(), r.sizeBytes());
        line(out, "IR version", Long.toString(r.irVersion()));
        line(out, "Producer", (r.producerName() + " " + r.producerVersion()).trim());
        line(out, "Domain", r.domain());
        line(out, "Model version", r.modelVersion() == 0 ? "" : Long.toString(r.modelVersion()));
        line(out, "Graph", r.graphName());
        line(out, "Description", shorten(r.docString()));
        StringBuilder opsets = new StringBuilder();
        r.opsets().forEach((domain, version) -> opsets.append(opsets.length() == 0 ? "" : ", ").append(domain)
                .append(' ').append(version));
        line(out, "Opsets", opsets.toString());
        for (Map.Entry<String, String> entry : r.metadata().entrySet()) {
            line(out, "Metadata " + entry.getKey(), shorten(entry.getValue()));
        }
        out.println("Inputs");
        r.inputs().forEach(value -> out.println("  " + describe(value)));
        out.println("Outputs");
        r.outputs().forEach(value -> out.println("  " + describe(value)));
        out.printf(Locale.ROOT, "Nodes: %,d (%d subgraphs, %d functions)%n", r.nodeCount(), r.subgraphCount(),
                r.functionCount());
        StringBuilder ops = new StringBuilder();
        r.opHistogram().forEach((op, count) -> ops.append(ops.length() == 0 ? "" : ", ").append(op).append(" x").append(count));
        out.println("Operators: " + ops);
        out.printf(Locale.ROOT, "Initializers: %,d (%,d bytes), %,d parameters; Constant tensors: %,d (%,d elements)%n",
                r.initializerCount(), r.initializerBytes(), r.parameterCount(), r.constantTensorCount(), r.constantElements());
        for (ModelReport.ExternalData external : r.externalData()) {
            out.printf(Locale.ROOT, "External data: %s in %s (offset %s, length %s)%n", external.tensorName(),
                    external.location(), external.offset(), external.length());
        }
    }

    static String describe(ModelReport.ValueReport value) {
        return value.name() + ": " + value.type() + (value.shape() == null ? "" : " [" + String.join(", ", value.shape()) + "]");
    }

    private static void line(PrintWriter out, String label, String value) {
        if (value != null && !value.isBlank()) {
            out.printf(Locale.ROOT, "%-14s %s%n", label + ":", value);
        }
    }

    private static String shorten(String text) {
        if (text == null) {
            return null;
        }
        String flat = text.replaceAll("\\s+", " ").trim();
        return flat.length() <= LONG_VALUE ? flat : flat.substring(0, LONG_VALUE) + "... (" + flat.length() + " characters)";
    }
}
