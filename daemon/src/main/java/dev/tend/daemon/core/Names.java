package dev.tend.daemon.core;

import dev.tend.protocol.NameRule;

import java.util.Collection;
import java.util.Optional;

/**
 * "Did you mean" suggestions for misspelt words and references. The name rule itself is {@link NameRule} in
 * protocol, shared with the CLI.
 */
public final class Names {

    private static final int MAX_DISTANCE = 2;

    private Names() {
    }

    /**
     * "bad service name '-x': use letters, ...", or null when the name is valid. Only forwards to {@link NameRule}
     * so the core's callers need not import protocol for it.
     */
    public static String problem(String kind, String name) {
        return NameRule.problem(kind, name);
    }

    /** The closest candidate within a small edit distance, if any. */
    public static Optional<String> closest(String word, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int d = distance(word.toLowerCase(java.util.Locale.ROOT), candidate.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        // a one-letter word is "close" to every two-letter word; demand some similarity
        int limit = Math.min(MAX_DISTANCE, Math.max(1, word.length() / 2));
        return bestDistance <= limit ? Optional.of(best) : Optional.empty();
    }

    /** " (did you mean 'command'?)" or "" */
    public static String didYouMean(String word, Collection<String> candidates) {
        return closest(word, candidates).map(c -> " (did you mean '" + c + "'?)").orElse("");
    }

    /** Levenshtein distance. */
    public static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
