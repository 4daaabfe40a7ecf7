package dev.cairn.core.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.progress.Cancellation;
import dev.cairn.core.progress.OperationCancelledException;
import dev.cairn.core.progress.ProgressListener;
import dev.cairn.core.testing.FreshWorkspaceExtension;
import dev.cairn.core.workspace.Workspace;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A run's artifact folder on a real workspace: listing, confinement, and copies that are whole or absent. */
@ExtendWith(FreshWorkspaceExtension.class)
class RunArtifactsTest {

    private TrackingServices tracking;
    private RunArtifacts artifacts;

    @BeforeEach
    void seed(Workspace workspace) throws IOException {
        tracking = TrackingServices.of(workspace);
        RunInfo info = tracking.runs().create("0", "ana", "r1", 1000L, Map.of()).info();
        artifacts = RunArtifacts.of(tracking.artifacts(), info);
        String root = info.artifactUri().substring(ArtifactStore.SCHEME.length() + 1);
        write(root + "/notes.txt", "hello");
        write(root + "/model/MLmodel", "flavors: {}\n");
        write(root + "/model/data/weights.bin", "0123456789".repeat(10_000));
    }

    private void write(String path, String text) throws IOException {
        tracking.artifacts().write(path, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), 1 << 20);
    }

    @Test
    void listsFoldersRelativeToTheRunRoot() {
        assertThat(artifacts.stored()).isTrue();
        assertThat(artifacts.list("")).extracting(ArtifactStore.FileInfo::path).containsExactly("model", "notes.txt");
        assertThat(artifacts.list("model")).containsExactly(new ArtifactStore.FileInfo("model/MLmodel", false, 12L),
                new ArtifactStore.FileInfo("model/data", true, null));
    }

    @Test
    void pathsThatLeaveTheRunFolderAreRefused() {
        for (String bad : new String[] {"../other/artifacts/x", "model/../../x", "/etc/passwd", "model/%2e%2e/x",
                "C:\\x", "model//x"}) {
            assertThatThrownBy(() -> artifacts.file(bad)).as(bad).isInstanceOf(ArtifactPathException.class);
            assertThatThrownBy(() -> artifacts.list(bad)).as(bad).isInstanceOf(ArtifactPathException.class);
        }
    }

    @Test
    void copiesAFileAndAFolderWhole(@TempDir Path out) throws IOException {
        artifacts.copyTo("notes.txt", out.resolve("copy.txt"), ProgressListener.NONE, Cancellation.NEVER);
        assertThat(out.resolve("copy.txt")).hasContent("hello");

        artifacts.copyTo("model", out.resolve("model"), ProgressListener.NONE, Cancellation.NEVER);
        assertThat(Files.mismatch(out.resolve("model/data/weights.bin"), artifacts.file("model/data/weights.bin")))
                .isEqualTo(-1);
        assertThat(out.resolve("model/MLmodel")).hasContent("flavors: {}");
        assertThatThrownBy(() -> artifacts.copyTo("model", out.resolve("model"), ProgressListener.NONE,
                Cancellation.NEVER)).isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
    }

    @Test
    void aCancelledCopyLeavesNothingBehind(@TempDir Path out) throws IOException {
        assertThatThrownBy(() -> artifacts.copyTo("model", out.resolve("model"), ProgressListener.NONE, () -> true))
                .isInstanceOf(OperationCancelledException.class);
        try (Stream<Path> left = Files.list(out)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void artifactsKeptElsewhereListNothingAndCannotBeRead() {
        RunArtifacts remote = RunArtifacts.of(tracking.artifacts(), new RunInfo("r", "r", "0", "ana",
                RunStatus.FINISHED, 1L, 2L, "s3://bucket/r/artifacts", LifecycleStage.ACTIVE));
        assertThat(remote.stored()).isFalse();
        assertThat(remote.list("")).isEmpty();
        assertThatThrownBy(() -> remote.file("x")).isInstanceOf(TrackingException.class).hasMessageContaining("s3://");
    }
}
