package dev.cairn.core.deploy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A model image's build context, made in memory: the Dockerfile, the runtime jar for the platform and the model. Sent to the engine as a tar, or written to a folder for a user's own pipeline.
 */
public final class BuildContext {

    static final String JAR = "cairn-runtime.jar";
    static final String MODEL = "model.onnx";

    private final Map<String, byte[]> files;

    private BuildContext(Map<String, byte[]> files) {
        this.files = files;
    }

    /** The context for {@code recipe}, with {@code runtimeJar} made for the engine's architecture. */
    public static BuildContext of(ImageRecipe recipe, byte[] runtimeJar) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("Dockerfile", recipe.dockerfile().getBytes(StandardCharsets.UTF_8));
        files.put(JAR, runtimeJar);
        try {
            files.put(MODEL, Files.readAllBytes(recipe.model().file()));
        } catch (IOException e) {
            throw new DeployException("Cannot read the model file " + recipe.model().file() + ": " + e.getMessage(), e);
        }
        return new BuildContext(files);
    }

    /** The files by path inside the context. */
    public Map<String, byte[]> files() {
        return Map.copyOf(files);
    }

    /** The context as the tar stream Docker's build endpoint takes. */
    public byte[] tar() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        writeTar(bytes);
        return bytes.toByteArray();
    }

    public void writeTar(OutputStream out) {
        try {
            TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(file.getKey());
                entry.setSize(file.getValue().length);
                entry.setMode(0100644);
                // A fixed time: the same files give the same tar, and Docker's layer cache hits.
                entry.setModTime(0L);
                tar.putArchiveEntry(entry);
                tar.write(file.getValue());
                tar.closeArchiveEntry();
            }
            tar.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the context's files under {@code folder} (created if missing), for {@code docker build folder}. */
    public void writeTo(Path folder) {
        try {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                Path target = folder.resolve(file.getKey());
                Files.createDirectories(target.getParent());
                Files.write(target, file.getValue());
            }
        } catch (IOException e) {
            throw new DeployException("Cannot write the build context to " + folder + ": " + e.getMessage(), e);
        }
    }
}
