package dev.cairn.app.cli;

import dev.cairn.core.plugins.LoadedPlugin;
import dev.cairn.core.workspace.Workspace;
import dev.cairn.core.plugins.Plugins;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code cairn plugins}: the plugins folder's jars, what each provides and why any is not in use (Settings' twin). */
@Command(name = "plugins", mixinStandardHelpOptions = true,
        description = {"Lists the plugin jars of the data directory's plugins folder: name, version, what each "
                + "provides, and why a jar is not loaded.", "Exits with 1 when a jar has a problem."})
final class PluginsCommand implements Callable<Integer> {

    @ParentCommand
    private CairnCommand parent;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        Path folder = Workspace.pluginsDir(parent.home());
        PrintWriter out = spec.commandLine().getOut();
        try (Plugins plugins = Workspace.loadPlugins(folder)) {
            out.println("Plugins folder: " + folder);
            if (plugins.jars().isEmpty()) {
                out.println("No plugins. Put plugin jars in the folder above.");
                return 0;
            }
            boolean problems = false;
            for (LoadedPlugin jar : plugins.jars()) {
                out.printf("%n%s (%s)%s%n", jar.title(), jar.file(), jar.loaded() ? "" : ": not loaded");
                jar.provides().forEach(service -> out.println("  provides " + service));
                jar.problems().forEach(problem -> out.println("  problem: " + problem));
                problems |= !jar.problems().isEmpty();
            }
            return problems ? 1 : 0;
        }
    }
}
