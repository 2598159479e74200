package io.adaptseg.train.weights;

import io.adaptseg.core.AdaptsegException;
import java.nio.file.Path;
import java.util.List;

/**
 * What a weight import did. Names are ours for {@code loaded}, {@code missing} and {@code reinitialised},
 * the file's for {@code unexpected}, {@code ignored} and {@code skipped}.
 *
 * @param loaded parameters copied from the file
 * @param missing parameters the file does not have (left as initialised)
 * @param unexpected file tensors that match no parameter (not used)
 * @param ignored file tensors every map skips ({@code num_batches_tracked})
 * @param reinitialised classifier parameters whose class count differs from the file's, re-drawn from
 *     their initialiser, each as {@code "name: file (21, 2048, 3, 3), model (19, 2048, 3, 3)"}
 * @param skipped file tensors the map leaves out on purpose, each as {@code "name: reason"} (the COCO
 *     init's {@code layer5})
 * @param choices what the import decided, one phrase each, in order: the file format, where the state
 *     dict was found, the name map and why, the head layout. New decisions (model properties chosen
 *     from the file) are added here, so every caller prints them without change.
 * @param names the name map the import used (given or detected)
 */
public record WeightImportReport(Path file, List<String> loaded, List<String> missing, List<String> unexpected,
        List<String> ignored, List<String> reinitialised, List<String> skipped, List<String> choices, NameMap names) {
    public WeightImportReport {
        loaded = List.copyOf(loaded);
        missing = List.copyOf(missing);
        unexpected = List.copyOf(unexpected);
        ignored = List.copyOf(ignored);
        reinitialised = List.copyOf(reinitialised);
        skipped = List.copyOf(skipped);
        choices = List.copyOf(choices);
    }

    /** The same report with {@code more} decisions appended (made by the caller, e.g. the network's forward). */
    public WeightImportReport withChoices(List<String> more) {
        List<String> all = new java.util.ArrayList<>(choices);
        all.addAll(more);
        return new WeightImportReport(file, loaded, missing, unexpected, ignored, reinitialised, skipped, all, names);
    }

    /** True when every parameter came from the file and every tensor was used. */
    public boolean complete() {
        return missing.isEmpty() && unexpected.isEmpty() && reinitialised.isEmpty() && skipped.isEmpty();
    }

    /** Throws unless {@link #complete()}, listing what is missing, unexpected, skipped and re-initialised. */
    public void requireComplete() throws AdaptsegException {
        if (!complete()) {
            throw new AdaptsegException(file + ": weights do not match the network: " + summary());
        }
    }

    /** One line: counts and the first few names of each list (skipped tensors without their reasons). */
    public String summary() {
        return loaded.size() + " loaded, " + describe("missing", missing) + ", " + describe("unexpected", unexpected)
                + ", " + describe("skipped", skipped.stream().map(x -> x.split(":", 2)[0]).toList()) + ", " + describe("re-initialised", reinitialised) + ", "
                + ignored.size() + " ignored";
    }

    /** The choices as one line ({@code "zip format; state dict under 'state_dict'; name map …"}). */
    public String choicesLine() {
        return String.join("; ", choices);
    }

    private static String describe(String what, List<String> names) {
        if (names.isEmpty()) {
            return "0 " + what;
        }
        int shown = Math.min(5, names.size());
        return names.size() + " " + what + " " + names.subList(0, shown) + (shown < names.size() ? " …" : "");
    }
}
