package io.adaptseg.train.config;

import java.util.List;
import java.util.Optional;

/** The known key closest to a mistyped one (edit distance at most 3), for "did you mean". */
final class KeySuggestion {
    private static final int MAX_DISTANCE = 3;

    private KeySuggestion() {
    }

    static Optional<String> closest(String key, List<String> known) {
        String best = null;
        int bestDistance = MAX_DISTANCE + 1;
        for (String k : known) {
            int d = distance(key, k);
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Levenshtein distance, two rows. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
