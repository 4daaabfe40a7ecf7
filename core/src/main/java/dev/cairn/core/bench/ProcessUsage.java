package dev.cairn.core.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads this process's CPU time and peak resident memory, the resource figures a benchmark reports. */
final class ProcessUsage {

    private ProcessUsage() {
    }

    /** CPU time used by the whole process so far in nanoseconds, or -1 where the JVM cannot say. */
    static long cpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /** The peak resident set size ({@code VmHWM}) in bytes on Linux; null elsewhere. */
    static Long peakRssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    String[] parts = line.substring(6).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024; // the kernel reports kB
                }
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
