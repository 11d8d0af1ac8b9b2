package dev.tend.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** This build's version. Compared in daemon.hello to decide whether a running daemon must be replaced. */
public final class Version {
    /** Lets a test start a daemon that claims to be an older build, to exercise the replacement path. */
    public static final String OVERRIDE_PROPERTY = "tend.version.override";
    private static final String CURRENT = load();

    private Version() {
    }

    public static String current() {
        return CURRENT;
    }

    /**
     * The commit this build was made from (a short hash, written by the build), or "unknown" for a build outside a
     * git checkout. Read on first use only: every command needs the version, only `tend --version` the commit.
     */
    public static String commit() {
        return Commit.VALUE;
    }

    private static final class Commit {
        static final String VALUE = read();

        private static String read() {
            try (InputStream in = Version.class.getResourceAsStream("commit")) {
                String s = in == null ? "" : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
                return s.isEmpty() ? "unknown" : s;
            } catch (IOException e) {
                return "unknown";
            }
        }
    }

    private static String load() {
        String override = System.getProperty(OVERRIDE_PROPERTY);
        if (override != null && !override.isEmpty()) {
            return override;
        }
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "0.0.0");
        } catch (IOException e) {
            return "0.0.0";
        }
    }

    /** Numeric comparison of dotted versions ("0.10.0" > "0.9.3"); a qualifier after '-' sorts before the release. */
    public static int compare(String a, String b) {
        String[] pa = a.split("-", 2);
        String[] pb = b.split("-", 2);
        String[] na = pa[0].split("\\.");
        String[] nb = pb[0].split("\\.");
        for (int i = 0; i < Math.max(na.length, nb.length); i++) {
            long x = i < na.length ? parse(na[i]) : 0;
            long y = i < nb.length ? parse(nb[i]) : 0;
            if (x != y) {
                return Long.compare(x, y);
            }
        }
        boolean qa = pa.length > 1;
        boolean qb = pb.length > 1;
        if (qa != qb) {
            return qa ? -1 : 1;
        }
        return qa ? comparePreRelease(pa[1], pb[1]) : 0;
    }

    /**
     * Pre-release parts by semver's precedence (dot-separated identifiers, numbers as numbers, fewer identifiers
     * first when the rest is equal), with runs of digits inside an identifier compared as numbers too: rc2 < rc10.
     */
    private static int comparePreRelease(String a, String b) {
        String[] ia = a.split("\\.");
        String[] ib = b.split("\\.");
        for (int i = 0; i < Math.min(ia.length, ib.length); i++) {
            int c = compareNatural(ia[i], ib[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(ia.length, ib.length);
    }

    /** Digit runs by value (then by length: 01 after 1), everything else as text. */
    private static int compareNatural(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char x = a.charAt(i);
            char y = b.charAt(j);
            if (Character.isDigit(x) && Character.isDigit(y)) {
                int ei = i;
                int ej = j;
                while (ei < a.length() && Character.isDigit(a.charAt(ei))) {
                    ei++;
                }
                while (ej < b.length() && Character.isDigit(b.charAt(ej))) {
                    ej++;
                }
                int c = new java.math.BigInteger(a.substring(i, ei)).compareTo(new java.math.BigInteger(b.substring(j, ej)));
                if (c == 0) {
                    c = Integer.compare(ei - i, ej - j);
                }
                if (c != 0) {
                    return c;
                }
                i = ei;
                j = ej;
            } else {
                if (x != y) {
                    return Character.compare(x, y);
                }
                i++;
                j++;
            }
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    private static long parse(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
