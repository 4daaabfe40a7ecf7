package dev.cairn.testdata;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The test data is what SHA256SUMS says, file for file, and no file is over 5 MB. */
class TestDataManifestTest {

    private static final long MAX_BYTES = 5_000_000;
    /** The module's own files, which are not test data. */
    private static final List<String> NOT_DATA = List.of("pom.xml", "src/", "target/", "SHA256SUMS", "MANIFEST.md");

    @Test
    void everyFileIsListedWithItsSha256AndEveryListedFileExists() throws Exception {
        Path root = TestData.root();
        Map<String, String> listed = new TreeMap<>();
        for (String line : Files.readAllLines(root.resolve("SHA256SUMS"))) {
            String[] parts = line.split(" {2}", 2);
            listed.put(parts[1], parts[0]);
        }
        Map<String, String> actual = new TreeMap<>();
        for (Path file : dataFiles(root)) {
            actual.put(root.relativize(file).toString().replace('\\', '/'), sha256(file));
        }
        assertThat(actual).isEqualTo(listed);
    }

    @Test
    void noFileIsOverFiveMegabytes() throws IOException {
        Path root = TestData.root();
        Map<String, Long> large = new TreeMap<>();
        for (Path file : dataFiles(root)) {
            if (Files.size(file) > MAX_BYTES) {
                large.put(root.relativize(file).toString(), Files.size(file));
            }
        }
        assertThat(large).isEmpty();
    }

    @Test
    void aCompressedFileIsUnpackedUnderItsPlainName() throws Exception {
        Path adult = TestData.path("datasets/adult.csv");
        assertThat(sha256(adult)).isEqualTo("8f970e20c9991979ec0a9ccb65ce97543d678709a2c6f8ef23f7fb32f40adddc");
        assertThat(Files.readAllLines(adult)).hasSize(48_842 + 1);
        assertThat(TestData.path("datasets/adult.csv")).isEqualTo(adult);
    }

    @Test
    void theOnnxRuntimeVersionComesFromTheBuild() {
        assertThat(BuildFacts.onnxRuntimeVersion()).matches("\\d+\\.\\d+\\.\\d+.*");
    }

    private static List<Path> dataFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).filter(file -> {
                String relative = root.relativize(file).toString().replace('\\', '/');
                return NOT_DATA.stream().noneMatch(skip -> skip.endsWith("/") ? relative.startsWith(skip)
                        : relative.equals(skip));
            }).sorted().toList();
        }
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
