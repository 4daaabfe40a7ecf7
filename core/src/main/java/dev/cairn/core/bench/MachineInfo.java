package dev.cairn.core.bench;

import dev.cairn.runtime.model.ModelLoadException;
import dev.cairn.runtime.model.ModelRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The machine a benchmark ran on, so that figures from different machines are never compared unawares. */
public record MachineInfo(String cpuModel, int cores, String osName, String osVersion, String osArch,
        String javaVersion, String javaVendor, String ortVersion) {

    /** Describes this machine and process; the CPU model is read from {@code /proc/cpuinfo} where there is one. */
    public static MachineInfo current() {
        String ort;
        try {
            ort = ModelRunner.ortVersion();
        } catch (ModelLoadException e) {
            ort = "unavailable";
        }
        return new MachineInfo(readCpuModel(), Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
                System.getProperty("os.version"), System.getProperty("os.arch"), System.getProperty("java.version"),
                System.getProperty("java.vendor"), ort);
    }

    private static String readCpuModel() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            return lines.stream().filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim()).findFirst().orElse("unknown");
        } catch (IOException | RuntimeException e) {
            return "unknown"; // not Linux: the OS and architecture still say what kind of machine it was
        }
    }
}
