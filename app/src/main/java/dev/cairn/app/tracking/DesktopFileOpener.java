package dev.cairn.app.tracking;

import dev.cairn.core.error.CairnException;
import java.awt.Desktop;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Opens files with the system's app: {@link Desktop} where the platform supports it, otherwise the desktop's
 * own command (xdg-open on Linux desktops without GNOME libraries, open on macOS). The workbench starts JavaFX
 * without an {@code Application}, so JavaFX's HostServices are not available.
 */
public final class DesktopFileOpener implements FileOpener {

    @Override
    public void open(Path file) throws IOException {
        if (Desktop.isDesktopSupported() && Desktop.getDesktop().isSupported(Desktop.Action.OPEN)) {
            Desktop.getDesktop().open(file.toFile());
            return;
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        List<String> command = os.contains("mac") ? List.of("open", file.toString())
                : os.contains("win") ? List.of("cmd", "/c", "start", "", file.toString())
                : List.of("xdg-open", file.toString());
        try {
            new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new CairnException("No app to open " + file.getFileName() + " was found (" + command.get(0)
                    + " is missing). Download the file and open it yourself.", e);
        }
    }
}
