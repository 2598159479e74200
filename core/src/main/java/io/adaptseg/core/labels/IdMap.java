package io.adaptseg.core.labels;

import java.util.Arrays;

/**
 * A lookup table from a dataset's raw label values to trainIds (or back), with
 * {@link #IGNORE} for values that are not evaluated. Values outside the table are unknown,
 * which is different from ignored: {@link #isKnown(int)} tells them apart so that readers can
 * reject a label image with a value its dataset never uses.
 */
public final class IdMap {
    /** The trainId of pixels that are not evaluated (and not trained on). */
    public static final int IGNORE = 255;

    /** The entry of {@link #strictTable()} for values the map does not know. */
    public static final int UNKNOWN = -1;

    private final String name;
    private final int[] table;
    private final boolean[] known;

    private IdMap(String name, int[] table, boolean[] known) {
        this.name = name;
        this.table = table;
        this.known = known;
    }

    /**
     * A map over raw values {@code 0..size-1}: the given pairs map to their targets and every other
     * value in range maps to {@link #IGNORE}.
     */
    static IdMap of(String name, int size, int[][] pairs) {
        int[] table = new int[size];
        Arrays.fill(table, IGNORE);
        boolean[] known = new boolean[size];
        Arrays.fill(known, true);
        for (int[] pair : pairs) {
            table[pair[0]] = pair[1];
        }
        return new IdMap(name, table, known);
    }

    /** A partial map: only the given raw values are known; others are unknown, not ignored. */
    static IdMap partial(String name, int size, int[][] pairs) {
        int[] table = new int[size];
        Arrays.fill(table, IGNORE);
        boolean[] known = new boolean[size];
        for (int[] pair : pairs) {
            table[pair[0]] = pair[1];
            known[pair[0]] = true;
        }
        return new IdMap(name, table, known);
    }

    /** What this map converts, e.g. "cityscapes labelId -> trainId". */
    public String name() {
        return name;
    }

    /** Number of raw values the table covers (values {@code 0..size()-1}). */
    public int size() {
        return table.length;
    }

    /** Whether {@code raw} is a value this map knows (mapped or deliberately ignored). */
    public boolean isKnown(int raw) {
        return raw >= 0 && raw < table.length && known[raw];
    }

    /**
     * The mapped value of {@code raw}.
     *
     * @throws IllegalArgumentException when the value is unknown (callers that read files check
     *     {@link #isKnown(int)} first and report the file)
     */
    public int map(int raw) {
        if (!isKnown(raw)) {
            throw new IllegalArgumentException(name + ": unknown value " + raw);
        }
        return table[raw];
    }

    /** A copy of the table, for tight loops; unknown entries hold {@link #IGNORE}. */
    public int[] table() {
        return table.clone();
    }

    /**
     * A copy of the table for tight loops that must reject unknown values: unknown entries hold
     * {@link #UNKNOWN}, and values at or past {@link #size()} are unknown too.
     */
    public int[] strictTable() {
        int[] strict = table.clone();
        for (int i = 0; i < strict.length; i++) {
            if (!known[i]) {
                strict[i] = UNKNOWN;
            }
        }
        return strict;
    }
}
