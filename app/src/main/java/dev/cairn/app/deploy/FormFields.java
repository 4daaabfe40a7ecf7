package dev.cairn.app.deploy;

import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.Region;

/** The labels and text fields of the deploy and export dialogs' forms. */
final class FormFields {

    private FormFields() {
    }

    /** A form label that keeps its whole text however narrow the dialog. */
    static Label label(String text) {
        Label label = new Label(text);
        label.setMinWidth(Region.USE_PREF_SIZE);
        return label;
    }

    static TextField field(String id, String prompt) {
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        return field;
    }
}
