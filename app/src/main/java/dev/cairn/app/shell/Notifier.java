package dev.cairn.app.shell;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * Shows short, non-modal messages in the status bar (a dropped file nobody takes, a saved
 * setting). Call on the JavaFX thread.
 */
public final class Notifier {

    /** How much a message matters; the status bar styles it accordingly. */
    public enum Severity { INFO, WARNING }

    /** One message. */
    public record Notification(Severity severity, String text) {
    }

    private final ObjectProperty<Notification> current = new SimpleObjectProperty<>();

    public void info(String text) {
        current.set(new Notification(Severity.INFO, text));
    }

    public void warn(String text) {
        current.set(new Notification(Severity.WARNING, text));
    }

    public void dismiss() {
        current.set(null);
    }

    /** The message shown now, or null. */
    public ReadOnlyObjectProperty<Notification> current() {
        return current;
    }
}
