package io.adaptseg.train.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.adaptseg.core.labels.LabelSet;
import io.adaptseg.train.device.TrainingDevice;
import io.adaptseg.train.weights.NameMap;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What is trained: the architecture, the method (checked against the method registry when the run is
 * built, since methods register there), the label set, the seed, and the starting weights with the
 * name map that reads them ({@code auto}: the family's usual one), and the device it trains on
 * ({@code device}: cpu, gpu or gpu:N; checkpoints do not depend on it).
 */
public record RunSettings(
        @JsonProperty("model") String model,
        @JsonProperty("method") String method,
        @JsonProperty("label-set") LabelSet labelSet,
        @JsonProperty("random-seed") long randomSeed,
        @JsonProperty("restore-from") Optional<Path> restoreFrom,
        @JsonProperty("restore-names") String restoreNames,
        @JsonProperty("device") TrainingDevice device) {
    /** {@code restore-names} values: auto, every name map's spelling, and the repositories' names for them. */
    public static final List<String> RESTORE_NAMES = nameMapChoices();

    public RunSettings {
        model = Check.nonBlank("model", model);
        method = method.trim();
        Check.oneOf("restore-names", restoreNames, RESTORE_NAMES);
        java.util.Objects.requireNonNull(device, "device");
    }

    private static List<String> nameMapChoices() {
        List<String> names = new ArrayList<>(List.of("auto"));
        names.addAll(NameMap.ids());
        names.addAll(List.of("adaptsegnet", "clan", "maxsquare", "coco"));
        return List.copyOf(names);
    }

    /** What this config trains, by its method ({@link RunKind}). */
    public RunKind kind() {
        return RunKind.of(method);
    }

    public RunSettings withMethod(String name) {
        return new RunSettings(model, name, labelSet, randomSeed, restoreFrom, restoreNames, device);
    }

    /** The same run on {@code d} (what {@code --device} sets). */
    public RunSettings withDevice(TrainingDevice d) {
        return new RunSettings(model, method, labelSet, randomSeed, restoreFrom, restoreNames, d);
    }

    public RunSettings withSeed(long seed) {
        return new RunSettings(model, method, labelSet, seed, restoreFrom, restoreNames, device);
    }

    /** Starts from {@code weights}, read with the name map {@code names}. */
    public RunSettings withRestore(Path weights, String names) {
        return new RunSettings(model, method, labelSet, randomSeed, Optional.of(weights), names, device);
    }
}
