package dev.cairn.app.tracking;

import java.util.Locale;
import java.util.Set;

/** How the artifacts browser shows a file, decided by its name (content is checked later for unknown names). */
public enum ArtifactPreviewKind {
    /** Rendered with the markdown renderer. */
    MARKDOWN,
    /** Pretty-printed. */
    JSON,
    /** Shown as text: YAML stays as written (comments and order matter in MLmodel files). */
    YAML,
    /** The first rows in a table. */
    CSV,
    /** Scaled to fit. */
    IMAGE,
    /** Monospace text: logs, code, plain text. */
    TEXT,
    /** Not known by name: shown as text if its first bytes look like text, otherwise only described. */
    UNKNOWN;

    /** Files larger than this are described, not loaded: a preview must stay quick and small in memory. */
    public static final long MAX_PREVIEW_BYTES = 5L * 1024 * 1024;

    private static final Set<String> TEXT_EXTENSIONS = Set.of("txt", "log", "py", "java", "kt", "scala", "r", "sql",
            "sh", "bat", "ps1", "js", "ts", "c", "cc", "cpp", "h", "hpp", "go", "rs", "rb", "toml", "ini", "cfg",
            "conf", "properties", "xml", "html", "css", "tsv", "ipynb", "gitignore", "env", "text", "out", "err",
            "pbtxt", "prototxt", "dockerfile", "mk", "gradle", "lock", "diff", "patch", "rst");
    private static final Set<String> IMAGE_EXTENSIONS = Set.of("png", "jpg", "jpeg", "gif", "bmp");
    // Files MLflow writes without an extension: MLmodel is YAML, the others plain text.
    private static final Set<String> TEXT_NAMES = Set.of("dockerfile", "makefile", "license", "readme",
            "requirements", "conda", "python_env");

    /** The kind for a file named {@code fileName} (a bare name or a path with '/' separators). */
    public static ArtifactPreviewKind of(String fileName) {
        String name = fileName.substring(fileName.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        if (name.equals("mlmodel")) {
            return YAML;
        }
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1);
        if (dot < 0 && TEXT_NAMES.contains(name)) {
            return TEXT;
        }
        return switch (extension) {
            case "md", "markdown" -> MARKDOWN;
            case "json", "geojson" -> JSON;
            case "yaml", "yml" -> YAML;
            case "csv" -> CSV;
            default -> IMAGE_EXTENSIONS.contains(extension) ? IMAGE
                    : TEXT_EXTENSIONS.contains(extension) ? TEXT : UNKNOWN;
        };
    }

    /**
     * Whether the first bytes of a file of unknown kind look like text: no NUL byte and no more than a few
     * control characters other than tab, line feed, carriage return and form feed.
     */
    public static boolean looksLikeText(byte[] head, int length) {
        int control = 0;
        for (int i = 0; i < length; i++) {
            int b = head[i] & 0xff;
            if (b == 0) {
                return false;
            }
            if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != 0x1b) {
                control++;
            }
        }
        return control * 100 <= length;
    }
}
