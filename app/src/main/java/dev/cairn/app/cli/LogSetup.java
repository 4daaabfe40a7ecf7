package dev.cairn.app.cli;

import java.nio.file.Path;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Points the log file at the chosen data directory. It must run before the first logger is
 * created, because logback reads {@code cairn.logs.dir} once, when it configures itself.
 */
public final class LogSetup {

    /** The system property logback.xml reads for the log folder. */
    public static final String LOGS_DIR_PROPERTY = "cairn.logs.dir";

    private LogSetup() {
    }

    /** Sends this process's logs, including java.util.logging's (JavaFX, H2), to {@code home/logs}. */
    public static void useDataDirectory(Path home) {
        if (System.getProperty(LOGS_DIR_PROPERTY) == null) {
            System.setProperty(LOGS_DIR_PROPERTY, home.resolve("logs").toString());
        }
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
    }
}
