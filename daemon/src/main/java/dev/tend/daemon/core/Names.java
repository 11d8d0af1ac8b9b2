package dev.tend.daemon.core;

import java.util.Collection;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one rule for project, service and job names, wherever they come from (a project file, `tend run`,
 * `tend job add`), and "did you mean" suggestions for misspelt words and references.
 */
public final class Names {

    /** No '/' because refs are project/service; no leading '.' or '-' so a name is never a flag or hidden. */
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*");
    /** A name becomes a file name (its log) and part of others (exported units): far below NAME_MAX. */
    public static final int MAX_LENGTH = 100;
    private static final int MAX_DISTANCE = 2;

    private Names() {
    }

    public static boolean isValid(String name) {
        return name != null && name.length() <= MAX_LENGTH && VALID.matcher(name).matches();
    }

    /** Why a name is refused, for messages. */
    public static String rule() {
        return "use letters, digits, '.', '_' and '-', not starting with '.' or '-', at most " + MAX_LENGTH
                + " characters";
    }

    /** "bad service name '-x': use letters, ...", or null when the name is valid. */
    public static String problem(String kind, String name) {
        return isValid(name) ? null : "bad " + kind + " name '" + name + "': " + rule();
    }

    /** A valid name made from a directory name: "my app" becomes "my-app", ".hidden" becomes "hidden". */
    public static String sanitize(String raw) {
        String replaced = raw == null ? "" : raw.replaceAll("[^A-Za-z0-9._-]", "-");
        String trimmed = replaced.replaceFirst("^[.-]+", "");
        String bounded = trimmed.length() > MAX_LENGTH ? trimmed.substring(0, MAX_LENGTH) : trimmed;
        return bounded.isEmpty() ? "project" : bounded;
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
