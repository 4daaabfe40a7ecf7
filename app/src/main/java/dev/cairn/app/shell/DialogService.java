package dev.cairn.app.shell;

import dev.cairn.core.error.CairnException;
import java.io.PrintWriter;
import java.io.StringWriter;
import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place errors reach the user: a plain message for expected failures ({@link CairnException}),
 * an error window with a copyable stack trace for bugs. Each error is logged here, once.
 */
public final class DialogService {

    private static final Logger LOG = LoggerFactory.getLogger(DialogService.class);

    private Window owner;

    /** Makes dialogs modal to {@code window}, the main window once it exists. */
    public void attachTo(Window window) {
        this.owner = window;
    }

    /** Shows {@code failure} as it deserves: plain message or stack trace. Call on the JavaFX thread. */
    public void showError(Throwable failure) {
        if (failure instanceof CairnException expected) {
            LOG.warn("{}", expected.getMessage());
            Alert alert = new Alert(Alert.AlertType.ERROR, expected.getMessage());
            alert.setHeaderText(null);
            alert.setTitle("Cairn");
            show(alert);
        } else {
            LOG.error("Unexpected error", failure);
            show(unexpectedErrorAlert(failure));
        }
    }

    /** Shows a finished job's report, such as an import summary, in a plain dialog. */
    public void showInformation(String title, String text) {
        Alert alert = new Alert(Alert.AlertType.INFORMATION);
        alert.setTitle("Cairn");
        alert.setHeaderText(title);
        TextArea body = new TextArea(text);
        body.setEditable(false);
        body.setWrapText(true);
        body.setPrefRowCount(Math.min(16, (int) text.lines().count() + 1));
        alert.getDialogPane().setContent(body);
        alert.setResizable(true);
        show(alert);
    }

    private Alert unexpectedErrorAlert(Throwable failure) {
        Alert alert = new Alert(Alert.AlertType.ERROR);
        alert.setTitle("Cairn: unexpected error");
        alert.setHeaderText("Something went wrong inside Cairn. Nothing stored was lost.");
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        String report = report(trace.toString());
        TextArea details = new TextArea(report);
        details.setEditable(false);
        details.setWrapText(false);
        details.setPrefRowCount(14);
        VBox.setVgrow(details, Priority.ALWAYS);
        javafx.scene.control.Button copy = new javafx.scene.control.Button("Copy report");
        copy.setId("error-copy-report");
        copy.setOnAction(event -> {
            javafx.scene.input.ClipboardContent content = new javafx.scene.input.ClipboardContent();
            content.putString(report);
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
            copy.setText("Copied");
        });
        alert.getDialogPane().setContent(new VBox(8, new Label(String.valueOf(failure)),
                new Label("Details for a bug report (Copy report puts them on the clipboard):"), details, copy));
        alert.setResizable(true);
        return alert;
    }

    /** The trace with what a maintainer asks first: which Cairn, on which Java and system. */
    static String report(String trace) {
        return "Cairn " + dev.cairn.runtime.CairnVersion.current() + ", Java " + System.getProperty("java.version")
                + " (" + System.getProperty("java.vendor") + "), " + System.getProperty("os.name") + " "
                + System.getProperty("os.version") + " " + System.getProperty("os.arch") + "\n\n" + trace;
    }

    private void show(Alert alert) {
        if (owner != null && owner.isShowing()) {
            alert.initOwner(owner);
        }
        alert.show();
    }
}
