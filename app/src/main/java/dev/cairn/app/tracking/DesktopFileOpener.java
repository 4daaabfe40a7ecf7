package dev.cairn.app.tracking;

import dev.cairn.core.error.CairnException;
import java.awt.Desktop;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Opens files with the system's app: {@link Desktop} where the platform supports it, otherwise the desktop's
 * own command (xdg-open on Linux desktops without GNOME libraries, open on macOS). The workbench starts JavaFX
 * without an {@code Application}, so JavaFX's HostServices are not available. A system with no app for the
 * file's type is an expected failure, reported as a plain message.
 */
public final class DesktopFileOpener implements FileOpener {

    @Override
    public void open(Path file) {
        try {
            if (Desktop.isDesktopSupported() && Desktop.getDesktop().isSupported(Desktop.Action.OPEN)) {
                Desktop.getDesktop().open(file.toFile());
            } else {
                launch(file);
            }
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            throw noApp(file, e.getMessage(), e);
        }
    }

    /** Waits for the launcher (off the JavaFX thread) because its exit status is the only sign of "no app". */
    private static void launch(Path file) throws IOException {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        List<String> command = os.contains("mac") ? List.of("open", file.toString())
                : os.contains("win") ? List.of("cmd", "/c", "start", "", file.toString())
                : List.of("xdg-open", file.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            if (process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() != 0) {
                throw noApp(file, command.get(0) + " exited with status " + process.exitValue(), null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static CairnException noApp(Path file, String reason, Throwable cause) {
        return new CairnException("No app on this system would open " + file.getFileName() + " (" + reason
                + "). Use Download\u2026 and open the copy with an app of your choice.", cause);
    }
}
