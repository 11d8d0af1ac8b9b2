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
        return qa ? pa[1].compareTo(pb[1]) : 0;
    }

    private static long parse(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
