package io.adaptseg.train.numerics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the numerics verdict depends on: the CPU (vendor, family, model, stepping, flags), whether it
 * reports its caches (oneDNN sizes its blocking from them), the logical CPU count, the PyTorch version
 * and any oneDNN variable already set. Two machines with the same signature get the same verdict.
 *
 * @param vendor e.g. AuthenticAMD
 * @param modelName e.g. AMD EPYC
 * @param family CPU family number
 * @param model CPU model number
 * @param stepping CPU stepping
 * @param flagsHash a short hash of the CPU's flags
 * @param cachesReported whether the kernel lists the CPU's caches under /sys
 * @param cpus logical CPUs this JVM sees
 * @param pytorch the PyTorch version DJL runs
 * @param oneDnnIsaVariable ONEDNN_MAX_CPU_ISA as set when the process started, or "unset"
 */
public record CpuSignature(String vendor, String modelName, String family, String model, String stepping,
        String flagsHash, boolean cachesReported, int cpus, String pytorch, String oneDnnIsaVariable) {
    /** Bumped when the check or the routes change, so that old verdicts are not reused. */
    static final int CHECK_VERSION = 1;

    /** The signature of this machine (fields it cannot read are "unknown"). */
    public static CpuSignature ofThisMachine(String pytorchVersion) {
        Map<String, String> cpu = firstProcessor(Path.of("/proc/cpuinfo"));
        String isa = System.getenv(RouteSetup.ONEDNN_ISA_VARIABLE);
        return new CpuSignature(cpu.getOrDefault("vendor_id", "unknown"), cpu.getOrDefault("model name", "unknown"),
                cpu.getOrDefault("cpu family", "unknown"), cpu.getOrDefault("model", "unknown"),
                cpu.getOrDefault("stepping", "unknown"), hash(cpu.getOrDefault("flags", "")).substring(0, 12),
                Files.isDirectory(Path.of("/sys/devices/system/cpu/cpu0/cache")),
                Runtime.getRuntime().availableProcessors(), pytorchVersion, isa == null ? "unset" : isa);
    }

    /** The file-name key of this signature's cached verdict. */
    public String key() {
        return hash(CHECK_VERSION + "|" + this).substring(0, 20);
    }

    /** One line for people. */
    public String describe() {
        return modelName + " (" + vendor + ", family " + family + " model " + model + " stepping " + stepping + "), "
                + cpus + " CPUs, caches " + (cachesReported ? "reported" : "NOT reported by the CPU/VM");
    }

    private static Map<String, String> firstProcessor(Path cpuinfo) {
        Map<String, String> out = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(cpuinfo)) {
                if (line.isBlank() && !out.isEmpty()) {
                    break;
                }
                int colon = line.indexOf(':');
                if (colon > 0) {
                    out.putIfAbsent(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
                }
            }
        } catch (IOException e) {
            // not Linux, or no /proc: every field stays "unknown"
        }
        return out;
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
