package io.adaptseg.core.dataset;

import io.adaptseg.core.AdaptsegException;
import java.io.PrintStream;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The result of listing a dataset: the paired samples in order and every file that could not be
 * paired. Callers either print the report or let {@link #requireComplete()} fail with all of them.
 */
public record PairingReport(String dataset, List<Sample> samples, List<Unpaired> unpaired) {
    public PairingReport {
        samples = List.copyOf(samples);
        unpaired = List.copyOf(unpaired);
    }

    /** Whether every file found its partner. */
    public boolean complete() {
        return unpaired.isEmpty();
    }

    /**
     * The samples when every file is paired.
     *
     * @throws AdaptsegException listing every unpaired file, with their count, on one line
     */
    public List<Sample> requireComplete() throws AdaptsegException {
        if (!complete()) {
            throw new AdaptsegException(dataset + ": " + unpaired.size() + " unpaired file"
                    + (unpaired.size() == 1 ? "" : "s") + ": "
                    + unpaired.stream().map(Unpaired::toString).collect(Collectors.joining("; ")));
        }
        return samples;
    }

    /** Prints a summary and one line per unpaired file. */
    public void print(PrintStream out) {
        out.println(dataset + ": " + samples.size() + " samples, " + unpaired.size() + " unpaired files");
        for (Unpaired u : unpaired) {
            out.println("  " + u);
        }
    }
}
