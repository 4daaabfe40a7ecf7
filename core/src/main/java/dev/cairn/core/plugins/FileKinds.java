package dev.cairn.core.plugins;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** How Cairn names the kinds of file it opens, its own and its plugins', in messages and file choosers. */
public final class FileKinds {

    private FileKinds() {
    }

    /** The file name's extension, lower case, without the dot; empty when it has none. */
    public static String extension(Path file) {
        String name = String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1);
    }

    /** "CSV files (.csv)", "CSV or Parquet files (.csv, .parquet)", "A, B or C models (...)". */
    public static String describe(List<String> formats, String noun, List<String> extensions) {
        String names = formats.size() == 1 ? formats.get(0)
                : String.join(", ", formats.subList(0, formats.size() - 1)) + " or " + formats.get(formats.size() - 1);
        return names + " " + noun + " (" + String.join(", ", extensions.stream().map(e -> "." + e).toList()) + ")";
    }

    /**
     * File chooser patterns for the extensions, lower and upper case: "*.csv", "*.CSV". GTK's chooser matches
     * patterns case-sensitively, and files from Windows machines often have upper-case extensions.
     */
    public static List<String> globs(List<String> extensions) {
        return extensions.stream().flatMap(extension -> Stream.of("*." + extension,
                "*." + extension.toUpperCase(Locale.ROOT))).distinct().toList();
    }
}
