package dev.tend.protocol;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VersionTest {

    @Test
    void comparesComponentsNumericallyNotAsText() {
        assertTrue(Version.compare("0.10.0", "0.9.3") > 0);
        assertTrue(Version.compare("0.9.3", "0.10.0") < 0);
        assertTrue(Version.compare("2.0.0", "10.0.0") < 0);
    }

    @Test
    void theCommitIsTheShortHashTheBuildWroteOrUnknown() {
        assertTrue(Version.commit().matches("[0-9a-f]{7,}|unknown"), Version.commit());
    }

    @Test
    void equalVersionsCompareEqual() {
        assertEquals(0, Version.compare("1.2.3", "1.2.3"));
    }

    @Test
    void missingComponentsCountAsZero() {
        assertEquals(0, Version.compare("1.2", "1.2.0"));
        assertTrue(Version.compare("1.2", "1.2.1") < 0);
    }

    @Test
    void qualifiedVersionSortsBeforeItsRelease() {
        assertTrue(Version.compare("0.1.0-SNAPSHOT", "0.1.0") < 0);
        assertTrue(Version.compare("0.1.0", "0.1.0-SNAPSHOT") > 0);
        assertTrue(Version.compare("0.1.0-SNAPSHOT", "0.0.9") > 0);
    }

    @Test
    void qualifiersCompareAsText() {
        assertTrue(Version.compare("1.0.0-alpha", "1.0.0-beta") < 0);
        assertEquals(0, Version.compare("1.0.0-rc1", "1.0.0-rc1"));
    }

    @Test
    void nonNumericComponentCountsAsZero() {
        assertEquals(0, Version.compare("1.x.0", "1.0.0"));
    }

    @Test
    void currentIsADottedVersion() {
        assertTrue(Version.current().matches("\\d+\\.\\d+\\.\\d+.*"), Version.current());
        assertFalse(Version.current().contains("${"), Version.current());
    }

    @Test
    void preReleasesCompareTheirNumbersAsNumbers() {
        assertTrue(Version.compare("0.2.0-rc10", "0.2.0-rc2") > 0);
        assertTrue(Version.compare("0.2.0-rc2", "0.2.0-rc10") < 0);
        assertTrue(Version.compare("1.0.0-alpha.10", "1.0.0-alpha.9") > 0);
        assertTrue(Version.compare("1.0.0-alpha", "1.0.0-alpha.1") < 0, "fewer identifiers first");
        assertTrue(Version.compare("1.0.0-alpha", "1.0.0-beta") < 0);
        assertTrue(Version.compare("1.0.0-rc1", "1.0.0") < 0);
        assertEquals(0, Version.compare("1.0.0-rc.1", "1.0.0-rc.1"));
    }
}
