package dev.cairn.core.deploy;

import com.github.dockerjava.api.exception.NotFoundException;
import dev.cairn.testdata.TestData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;

/** Models and the image service the Docker tests deploy. */
final class TestModels {

    private TestModels() {
    }

    /** The Tribuo iris classifier from the shared test data, as version {@code version} of {@code name}. */
    static DeployableModel iris(String name, int version) {
        Path file = TestData.model("tribuo_iris_lr.onnx");
        return new DeployableModel(name, version, sha256(file), file);
    }

    static ModelImages images() {
        return new ModelImages(() -> RuntimeJar.locate(System.getenv()), LocalDocker.BASE_IMAGE, Clock.systemUTC());
    }

    static void removeImage(DockerEngine engine, String tag) {
        try {
            engine.client().removeImageCmd(tag).withForce(true).exec();
        } catch (NotFoundException e) {
            // Not there: nothing to remove.
        }
    }

    static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
