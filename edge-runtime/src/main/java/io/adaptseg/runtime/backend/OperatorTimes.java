package io.adaptseg.runtime.backend;

import com.fasterxml.jackson.databind.JsonNode;
import io.adaptseg.runtime.provider.ProfileEvents;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the time of one run went, per operator type, as ONNX Runtime's profiler recorded it: the
 * kernel time ({@code dur}, microseconds) of every {@code <node>_kernel_time} event inside the last
 * {@code model_run} of the profile. The last run, because the first pays for the arena's growth.
 *
 * @param runMicros the last {@code model_run}'s duration
 * @param byType kernel microseconds and node count per operator type, most time first
 */
public record OperatorTimes(long runMicros, List<TypeTime> byType) {

    /** One operator type's share of a run. */
    public record TypeTime(String opType, long micros, int nodes) {
    }

    public OperatorTimes {
        byType = List.copyOf(byType);
    }

    /** The kernel time of all nodes, which is the run's time less the executor's own overhead. */
    public long kernelMicros() {
        return byType.stream().mapToLong(TypeTime::micros).sum();
    }

    /**
     * Reads the last run of an ONNX Runtime profile (a Chrome trace: a JSON array of events).
     *
     * @throws IOException naming the file when it is not such a profile or records no run
     */
    public static OperatorTimes lastRun(Path file) throws IOException {
        JsonNode root = ProfileEvents.read(file);
        long runStart = -1;
        long runDur = 0;
        for (JsonNode event : root) {
            if ("Session".equals(event.path("cat").asText()) && "model_run".equals(event.path("name").asText())
                    && event.path("ts").asLong() > runStart) {
                runStart = event.path("ts").asLong();
                runDur = event.path("dur").asLong();
            }
        }
        if (runStart < 0) {
            throw new IOException(file + ": the profile records no model_run");
        }
        Map<String, long[]> types = new LinkedHashMap<>();
        for (JsonNode event : root) {
            long ts = event.path("ts").asLong();
            if (!"Node".equals(event.path("cat").asText()) || !event.path("name").asText("").endsWith("_kernel_time")
                    || ts < runStart || ts > runStart + runDur) {
                continue;
            }
            long[] acc = types.computeIfAbsent(event.path("args").path("op_name").asText("?"), k -> new long[2]);
            acc[0] += event.path("dur").asLong();
            acc[1]++;
        }
        List<TypeTime> rows = new ArrayList<>();
        types.forEach((type, acc) -> rows.add(new TypeTime(type, acc[0], (int) acc[1])));
        rows.sort(Comparator.comparingLong(TypeTime::micros).reversed().thenComparing(TypeTime::opType));
        return new OperatorTimes(runDur, rows);
    }
}
