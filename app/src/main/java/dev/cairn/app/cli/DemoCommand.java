package dev.cairn.app.cli;

import dev.cairn.app.demo.DemoContent;
import dev.cairn.core.progress.Cancellation;
import dev.cairn.core.workspace.Workspace;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code cairn demo}: fills a fresh workspace with realistic content, so every view has something to show. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Fills the workspace with demo content: experiments with nested runs and metric curves, three "
                + "registered models (stages, an alias, a model card), a benchmark of each, two datasets and their "
                + "drift report. Use a fresh --home; then start the workbench on it."})
final class DemoCommand implements Callable<Integer> {

    @ParentCommand
    private CairnCommand parent;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        LogSetup.useDataDirectory(parent.home());
        DemoContent.Summary summary;
        long start = System.nanoTime();
        try (Workspace workspace = Workspace.open(parent.home());
                TerminalProgress progress = new TerminalProgress(err)) {
            summary = new DemoContent(workspace, Clock.systemUTC()).fill(progress, Cancellation.NEVER);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("Demo content in %s (%.1f s): %d experiments with %d runs, %d model versions, %d benchmarks, "
                + "%d datasets and a drift report (%s).%n", parent.home(), (System.nanoTime() - start) / 1e9,
                summary.experiments(), summary.runs(), summary.modelVersions(), summary.benchmarks(),
                summary.datasets(), summary.datasetDrift() ? "dataset drift" : "no dataset drift");
        out.println("Open it: cairn --home " + parent.home());
        out.flush();
        return 0;
    }
}
