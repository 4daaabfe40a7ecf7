package dev.cairn.app.registry;

import dev.cairn.app.drop.DropHandler;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Registers {@code .onnx} files dropped on the window: shows the Models section and asks for the model's name. */
public final class OnnxDropHandler implements DropHandler {

    private final ModelsViewModel models;
    private final Runnable showModels;

    /** @param showModels switches the window to the Models section */
    public OnnxDropHandler(ModelsViewModel models, Runnable showModels) {
        this.models = models;
        this.showModels = showModels;
    }

    @Override
    public String accepts() {
        return "ONNX models (.onnx)";
    }

    /** Decided by name only (this runs on the JavaFX thread); registration checks the contents. */
    @Override
    public boolean canOpen(Path file) {
        return String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT).endsWith(".onnx");
    }

    @Override
    public void open(List<Path> files) {
        showModels.run();
        for (Path file : files) {
            new RegisterDialog(file, ModelsView.suggestedName(file)).showAndWait()
                    .ifPresent(answer -> models.register(file, answer.name(), answer.description()));
        }
    }
}
