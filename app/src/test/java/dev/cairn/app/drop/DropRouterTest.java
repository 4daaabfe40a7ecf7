package dev.cairn.app.drop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DropRouterTest {

    private final List<String> warnings = new ArrayList<>();
    private final DropRouter router = new DropRouter(warnings::add);

    @Test
    void withNoFeatureEveryFileIsUnsupportedWithAPlainMessage() {
        List<Path> left = router.route(List.of(Path.of("/data/notes.txt")));
        assertThat(left).containsExactly(Path.of("/data/notes.txt"));
        assertThat(warnings).containsExactly("Cairn can't open notes.txt: no feature takes dropped files yet.");
    }

    @Test
    void filesGoToTheFirstHandlerThatTakesThemAndTheRestAreNamed() {
        RecordingHandler models = new RecordingHandler("ONNX models (.onnx)", ".onnx");
        RecordingHandler data = new RecordingHandler("datasets (.csv)", ".csv");
        router.register(models);
        router.register(data);

        List<Path> left = router.route(List.of(Path.of("a.onnx"), Path.of("b.csv"), Path.of("c.onnx"), Path.of("d.exe")));

        assertThat(models.opened).containsExactly(List.of(Path.of("a.onnx"), Path.of("c.onnx")));
        assertThat(data.opened).containsExactly(List.of(Path.of("b.csv")));
        assertThat(left).containsExactly(Path.of("d.exe"));
        assertThat(warnings).containsExactly("Cairn can't open d.exe: no feature takes this kind of file. "
                + "You can drop ONNX models (.onnx) or datasets (.csv).");
    }

    private static final class RecordingHandler implements DropHandler {
        private final String accepts;
        private final String suffix;
        private final List<List<Path>> opened = new ArrayList<>();

        RecordingHandler(String accepts, String suffix) {
            this.accepts = accepts;
            this.suffix = suffix;
        }

        @Override
        public String accepts() {
            return accepts;
        }

        @Override
        public boolean canOpen(Path file) {
            return file.toString().endsWith(suffix);
        }

        @Override
        public void open(List<Path> files) {
            opened.add(files);
        }
    }
}
