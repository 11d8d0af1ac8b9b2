package dev.tend.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoginServiceTest {
    private static final Path HOME = Path.of("/home/me");

    @Test
    void theSystemdUnitGoesUnderXdgConfigHomeElseDotConfig() {
        LoginService.Place xdg = LoginService.place(LoginService.Kind.SYSTEMD, Map.of("XDG_CONFIG_HOME", "/cfg"), HOME);
        assertEquals(Path.of("/cfg/systemd/user/tend.service"), xdg.file());
        assertEquals(Path.of("/cfg/systemd/user/default.target.wants/tend.service"), xdg.enabledLink());
        assertEquals(Path.of("/home/me/.config/systemd/user/tend.service"),
                LoginService.place(LoginService.Kind.SYSTEMD, Map.of("XDG_CONFIG_HOME", "relative"), HOME).file());
        assertEquals(Path.of("/home/me/Library/LaunchAgents/dev.tend.daemon.plist"),
                LoginService.place(LoginService.Kind.LAUNCHD, Map.of(), HOME).file());
    }

    @Test
    void macOsGetsLaunchdEverythingElseSystemd() {
        assertEquals(LoginService.Kind.LAUNCHD, LoginService.Kind.of("Mac OS X"));
        assertEquals(LoginService.Kind.SYSTEMD, LoginService.Kind.of("Linux"));
    }

    @Test
    void theEnvironmentSaysWhoStartedItAndCarriesTheJdkThePathAndTendsOwnVariables() {
        Map<String, String> env = LoginService.environment(LoginService.Kind.SYSTEMD,
                Map.of("PATH", "/opt/bin:/usr/bin", "TEND_HOME", "/data/tend", "HOME", "/home/me", "TEND_INSTANCE", ""),
                "/opt/jdk17");
        assertEquals(List.of("TEND_STARTED_BY", "JAVA_HOME", "TEND_CDS", "PATH", "TEND_HOME"), List.copyOf(env.keySet()));
        assertEquals("systemd", env.get("TEND_STARTED_BY"));
        assertEquals("/opt/jdk17", env.get("JAVA_HOME"));
        assertEquals("/opt/bin:/usr/bin", env.get("PATH"));
        assertEquals("/data/tend", env.get("TEND_HOME"));
        assertEquals("off", env.get("TEND_CDS"), "the launcher execs the JVM: the service manager's signals reach it");
    }

    @Test
    void theUnitRunsTheDaemonInTheForegroundRestartingItOnFailure() {
        String unit = LoginService.systemdUnit("/opt/tend 1/bin/tend",
                LoginService.environment(LoginService.Kind.SYSTEMD, Map.of("PATH", "/usr/bin"), "/opt/jdk"), "1.2.3");
        assertTrue(unit.contains("\nExecStart=\"/opt/tend 1/bin/tend\" daemon run\n"), unit);
        assertTrue(unit.contains("\nExecStartPre=-\"/opt/tend 1/bin/tend\" daemon stop\n"), unit);
        assertTrue(unit.contains("\nEnvironment=\"TEND_STARTED_BY=systemd\"\n"), unit);
        assertTrue(unit.contains("\nEnvironment=\"JAVA_HOME=/opt/jdk\"\n"), unit);
        assertTrue(unit.contains("\nRestart=on-failure\n"), unit);
        assertTrue(unit.contains("\nKillMode=mixed\n"), unit);
        assertTrue(unit.endsWith("[Install]\nWantedBy=default.target\n"), unit);
        assertTrue(unit.startsWith("# Written by `tend daemon enable` (tend 1.2.3)"), unit);
    }

    @Test
    void unitValuesEscapeQuotesBackslashesSpecifiersAndInCommandsDollars() {
        assertEquals("\"a\\\"b\\\\c%%d$e\"", LoginService.quote("a\"b\\c%d$e", false));
        assertEquals("\"/x/$$HOME\"", LoginService.quote("/x/$HOME", true));
    }

    @Test
    void thePlistRunsTheDaemonAtLoadAndKeepsItAliveUnlessItExitedCleanly() {
        String plist = LoginService.launchdPlist("/opt/t&t/bin/tend",
                LoginService.environment(LoginService.Kind.LAUNCHD, Map.of("PATH", "/usr/bin"), "/jdk"), "1.2.3");
        assertTrue(plist.contains("<key>Label</key>\n  <string>dev.tend.daemon</string>"), plist);
        assertTrue(plist.contains("<array>\n    <string>/opt/t&amp;t/bin/tend</string>\n    <string>daemon</string>\n"
                + "    <string>run</string>\n  </array>"), plist);
        assertTrue(plist.contains("<key>TEND_STARTED_BY</key>\n    <string>launchd</string>"), plist);
        assertTrue(plist.contains("<key>RunAtLoad</key>\n  <true/>"), plist);
        assertTrue(plist.contains("<key>SuccessfulExit</key>\n    <false/>"), plist);
    }

    @Test
    void theActivationAndBootCommandsArePrintedForEachKind() {
        LoginService.Place systemd = LoginService.place(LoginService.Kind.SYSTEMD, Map.of(), HOME);
        assertEquals("systemctl --user enable --now tend", LoginService.activateCommand(systemd));
        assertEquals("loginctl enable-linger me", LoginService.bootCommand(LoginService.Kind.SYSTEMD, "me"));
        LoginService.Place launchd = LoginService.place(LoginService.Kind.LAUNCHD, Map.of(), HOME);
        assertEquals("launchctl load -w /home/me/Library/LaunchAgents/dev.tend.daemon.plist",
                LoginService.activateCommand(launchd));
    }

    @Test
    void statusTellsNotInstalledInstalledAndEnabledApart(@TempDir Path home) throws Exception {
        LoginService.Place place = LoginService.place(LoginService.Kind.SYSTEMD, Map.of(), home);
        LoginService.Status none = LoginService.Status.read(place);
        assertFalse(none.installed());
        assertTrue(none.describe().startsWith("not installed"), none.describe());
        Files.createDirectories(place.file().getParent());
        Files.writeString(place.file(), "[Service]\n");
        LoginService.Status installed = LoginService.Status.read(place);
        assertTrue(installed.installed() && !installed.enabled());
        assertTrue(installed.describe().contains("not enabled (`systemctl --user enable --now tend`)"), installed.describe());
        Files.createDirectories(place.enabledLink().getParent());
        Files.createSymbolicLink(place.enabledLink(), place.file());
        LoginService.Status enabled = LoginService.Status.read(place);
        assertTrue(enabled.enabled());
        assertEquals("enabled (" + place.file() + ")", enabled.describe());
    }
}
