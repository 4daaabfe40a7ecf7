package dev.cairn.runtime.server;

import dev.cairn.runtime.model.ModelLoadException;
import dev.cairn.runtime.model.ModelRunner;
import dev.cairn.runtime.model.RunnerOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The one model a server answers for: its name and version as clients address it, the SHA-256 of its file (so a
 * scrape shows exactly which bytes are live), and the loaded runner.
 */
public record ServedModel(String name, String version, String sha256, ModelRunner runner) implements AutoCloseable {

    /**
     * Loads a model file.
     *
     * @param name the name clients use; null takes the file name without {@code .onnx}
     * @param version the version clients see; null means {@code 1}
     */
    public static ServedModel load(Path file, String name, String version, int intraOpThreads)
            throws ModelLoadException, IOException {
        ModelRunner runner = ModelRunner.open(file, new RunnerOptions(intraOpThreads));
        try {
            return new ServedModel(name == null || name.isBlank() ? defaultName(file) : name,
                    version == null || version.isBlank() ? "1" : version, sha256(file), runner);
        } catch (IOException | RuntimeException e) {
            runner.close();
            throw e;
        }
    }

    static String defaultName(Path file) {
        String fileName = file.getFileName().toString();
        return fileName.toLowerCase(java.util.Locale.ROOT).endsWith(".onnx")
                ? fileName.substring(0, fileName.length() - 5) : fileName;
    }

    private static String sha256(Path file) throws IOException {
        try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file),
                MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Frees the session. */
    @Override
    public void close() {
        runner.close();
    }
}
