package dev.tend.cli;

import java.util.List;
import java.util.regex.Pattern;

/** Quotes argv words into one /bin/sh command line. Pure. */
final class ShellWords {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private ShellWords() {
    }

    static String join(List<String> words) {
        if (words.size() == 1) {
            return words.get(0); // one word may be a whole shell command: `tend run --name x -- 'a | b'`
        }
        StringBuilder sb = new StringBuilder();
        for (String w : words) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(quote(w));
        }
        return sb.toString();
    }

    /** One word as /bin/sh reads it back unchanged: as it is when nothing in it is special, else single-quoted. */
    static String quote(String word) {
        return SAFE.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
