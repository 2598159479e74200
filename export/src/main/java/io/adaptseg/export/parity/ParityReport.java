package io.adaptseg.export.parity;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The outcome of a parity run: per-size random-input comparisons, the dataset comparison when one
 * was given, the thresholds applied and every failed criterion with its numbers.
 *
 * @param dataset empty-handed (null) when no dataset was given
 */
public record ParityReport(String model, String checkpoint, String precision, List<String> heads,
                           ParityThresholds thresholds, List<SizeResult> sizes, DatasetResult dataset,
                           List<String> failures) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public ParityReport {
        heads = List.copyOf(heads);
        sizes = List.copyOf(sizes);
        failures = List.copyOf(failures);
    }

    public boolean passed() {
        return failures.isEmpty();
    }

    /** The report as indented JSON. */
    public String toJson() {
        ObjectNode root = JSON.valueToTree(this);
        root.put("passed", passed());
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the parity report", e);
        }
    }

    /** A human summary, one line per comparison. */
    public String toText() {
        StringBuilder b = new StringBuilder();
        b.append(String.format("parity %s (%s, heads %s) vs %s%n", model, precision, heads, checkpoint));
        if (!sizes.isEmpty()) {
            b.append(String.format("  %-14s %12s %12s %10s  %s%n", "input", "max|dlogit|", "mean|dlogit|", "agree %", ""));
        }
        for (SizeResult s : sizes) {
            b.append(String.format("  %-14s %12.3g %12.3g %10.4f  %s%n", s.label(), s.maxAbsDelta(),
                    s.meanAbsDelta(), 100 * s.agreement(), !s.judged() ? "(not judged)" : s.passed() ? "ok" : "FAIL"));
        }
        if (dataset != null) {
            b.append(dataset.toText());
        }
        b.append(failures.isEmpty() ? "PASS" : "FAIL: " + String.join("; ", failures)).append('\n');
        return b.toString();
    }
}
