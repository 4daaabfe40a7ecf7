package dev.cairn.app.registry;

import dev.cairn.app.drop.DropHandler;
import java.nio.file.Path;
import java.util.List;

/** Registers model files (ONNX, and the formats of model importer plugins) dropped on the window: shows the Models section and asks for the model's name. */
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
        return models.modelFiles().describe();
    }

    /** Decided by name only (this runs on the JavaFX thread); registration checks the contents. */
    @Override
    public boolean canOpen(Path file) {
        return models.modelFiles().canRegister(file);
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
