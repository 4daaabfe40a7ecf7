package dev.cairn.runtime.cli;

import dev.cairn.runtime.CairnVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code cairn-runtime.jar}, the model server that runs inside deployed containers. */
@Command(name = "cairn-runtime", mixinStandardHelpOptions = true,
        versionProvider = RuntimeMain.Version.class,
        description = "Cairn's model server. Serving models arrives with the model-server work; this build reports its version.")
public final class RuntimeMain implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new RuntimeMain()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().getOut().println("cairn-runtime " + CairnVersion.current());
    }

    /** Supplies {@code --version} from the build's version resource. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"cairn-runtime " + CairnVersion.current()};
        }
    }
}
