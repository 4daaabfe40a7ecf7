package dev.cairn.core.deploy;

import dev.cairn.core.io.Sha256;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The shaded {@code cairn-runtime.jar} that goes into model images. It carries ONNX Runtime's native libraries for
 * four platforms (about 60 MB); {@link #forArchitecture} makes the jar for one of them.
 */
public final class RuntimeJar {

    /** The file name the build gives it and the app ships beside {@code cairn.jar}. */
    public static final String FILE_NAME = "cairn-runtime.jar";

    private static final String NATIVE_FOLDER = "ai/onnxruntime/native/";

    private final Path jar;

    public RuntimeJar(Path jar) {
        this.jar = jar;
    }

    public Path path() {
        return jar;
    }

    /** The jar file's SHA-256, hex: tells images made from this runtime from those of another build. */
    public String sha256() {
        try {
            return Sha256.of(jar);
        } catch (IOException e) {
            throw new DeployException("Cannot read " + jar + ": " + e.getMessage(), e);
        }
    }

    /**
     * Finds the runtime jar: {@code -Dcairn.runtime.jar}, {@code $CAIRN_RUNTIME_JAR}, beside the jar Cairn runs from
     * (where the app's build and installers put it), or the build's {@code runtime/target} above the working folder.
     */
    public static RuntimeJar locate(Map<String, String> environment) {
        List<Path> candidates = new ArrayList<>();
        String property = System.getProperty("cairn.runtime.jar");
        if (property != null) {
            candidates.add(Path.of(property));
        }
        if (environment.get("CAIRN_RUNTIME_JAR") != null) {
            candidates.add(Path.of(environment.get("CAIRN_RUNTIME_JAR")));
        }
        besideRunningJar().ifPresent(candidates::add);
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            candidates.add(dir.resolve("runtime").resolve("target").resolve(FILE_NAME));
        }
        return candidates.stream().filter(Files::isRegularFile).findFirst().map(RuntimeJar::new)
                .orElseThrow(() -> new DeployException("Cannot find " + FILE_NAME + ", the model server that goes into "
                        + "images: put it beside cairn.jar, or point CAIRN_RUNTIME_JAR at it (looked at " + candidates
                        .subList(0, Math.min(3, candidates.size())) + " and runtime/target above the working folder)"));
    }

    private static java.util.Optional<Path> besideRunningJar() {
        try {
            CodeSource source = RuntimeJar.class.getProtectionDomain().getCodeSource();
            if (source != null) {
                Path location = Path.of(source.getLocation().toURI());
                if (Files.isRegularFile(location)) {
                    return java.util.Optional.of(location.resolveSibling(FILE_NAME));
                }
            }
        } catch (URISyntaxException | SecurityException e) {
            // An unusual class loader: the other places still apply.
        }
        return java.util.Optional.empty();
    }

    /**
     * The jar for {@code linux/<dockerArch>} ({@code amd64} or {@code arm64}, as Docker names them): the other
     * platforms' ONNX Runtime libraries dropped, this one's kept inside, deflated. ONNX Runtime unpacks them to the
     * temporary folder when the server starts (about 0.2 s); kept as plain files they would weigh 28.5 MB in the image
     * instead of about 11 MB, over the 30 MB a model image may add to its base. Entry times are kept, so the same
     * runtime gives the same bytes and the image layer is shared between model images.
     */
    public byte[] forArchitecture(String dockerArch) {
        String platform = NATIVE_FOLDER + "linux-" + ortArch(dockerArch) + "/";
        boolean hasPlatform = false;
        ByteArrayOutputStream slim = new ByteArrayOutputStream(32 << 20);
        try (ZipFile zip = new ZipFile(jar.toFile()); ZipOutputStream out = new ZipOutputStream(slim)) {
            out.setLevel(Deflater.BEST_COMPRESSION);
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName();
                if (name.startsWith(NATIVE_FOLDER) && !name.startsWith(platform) && !name.equals(NATIVE_FOLDER)) {
                    continue;
                }
                hasPlatform |= name.startsWith(platform) && !entry.isDirectory();
                ZipEntry copy = new ZipEntry(name);
                copy.setTime(entry.getTime());
                out.putNextEntry(copy);
                if (!entry.isDirectory()) {
                    out.write(read(zip, entry));
                }
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new DeployException("Cannot read " + jar + ": " + e.getMessage(), e);
        }
        if (!hasPlatform) {
            throw new DeployException(jar + " has no ONNX Runtime library for linux-" + ortArch(dockerArch));
        }
        return slim.toByteArray();
    }

    /** ONNX Runtime's folder name for a Docker architecture. */
    static String ortArch(String dockerArch) {
        return switch (dockerArch) {
            case "amd64", "x86_64" -> "x64";
            case "arm64", "aarch64" -> "aarch64";
            default -> throw new DeployException("ONNX Runtime ships no library for linux/" + dockerArch
                    + "; Cairn deploys to amd64 and arm64 engines");
        };
    }

    private static byte[] read(ZipFile zip, ZipEntry entry) throws IOException {
        try (InputStream in = zip.getInputStream(entry)) {
            return in.readAllBytes();
        }
    }
}
