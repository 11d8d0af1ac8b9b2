package dev.tend.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.tend.it.TendProject.alive;
import static dev.tend.it.TendProject.pid;
import static dev.tend.it.TendProject.state;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * `tend daemon enable | disable` and a daemon started the way its unit starts it (docs/daemon.md, "Start at login").
 * `systemctl --user enable --now tend` itself is not run: it would install into the real user's systemd, and the
 * test container has no user manager. The unit is checked with `systemd-analyze verify` instead, and its ExecStart
 * is run with exactly the unit's Environment= lines.
 */
class LoginServiceIT {
    private TendHome tend;
    private Path unit;
    private Path link;

    @BeforeEach
    void setUp() throws Exception {
        tend = new TendHome();
        Path config = tend.home().resolve("config-home");
        tend.env().put("XDG_CONFIG_HOME", config.toString());
        unit = config.resolve("systemd/user/tend.service");
        link = config.resolve("systemd/user/default.target.wants/tend.service");
    }

    @AfterEach
    void tearDown() throws Exception {
        tend.close();
    }

    private TendHome.Result ok(String... args) throws Exception {
        TendHome.Result r = tend.tend(args);
        assertEquals(0, r.exit(), () -> "tend " + String.join(" ", args) + ": " + r);
        return r;
    }

    @Test
    void enableWritesAUnitSystemdAcceptsStatusAndDoctorReportItAndDisableRemovesIt() throws Exception {
        TendHome.Result enable = ok("daemon", "enable");
        assertTrue(enable.out().contains("wrote " + unit), enable.toString());
        assertTrue(enable.out().contains("systemctl --user enable --now tend"), enable.toString());
        assertTrue(enable.out().contains("loginctl enable-linger"), enable.toString());
        String text = Files.readString(unit);
        assertTrue(text.contains("\nExecStart=\"" + TendHome.LAUNCHER.toRealPath() + "\" daemon run\n"), text);
        assertTrue(text.contains("\nEnvironment=\"TEND_HOME=" + tend.home() + "\"\n"), text);
        assertTrue(text.contains("\nEnvironment=\"TEND_STARTED_BY=systemd\"\n"), text);
        assertTrue(text.contains("\nRestart=on-failure\n"), text);

        TendHome.Result status = ok("daemon", "status");
        assertTrue(status.out().contains("  started by a client (auto-start) or `tend daemon run`\n"), status.toString());
        assertTrue(status.out().contains("  login      installed at " + unit + ", not enabled"), status.toString());
        // what `systemctl --user enable` does (the command itself cannot run here: see the class comment)
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, unit);
        assertTrue(ok("daemon", "status").out().contains("  login      enabled (" + unit + ")\n"));
        TendHome.Result doctor = ok("doctor");
        assertTrue(doctor.out().contains("the login service is enabled but the running daemon did not come from it"),
                doctor.toString());

        TendHome.Result disable = ok("daemon", "disable");
        assertTrue(disable.out().contains("removed " + link) && disable.out().contains("removed " + unit),
                disable.toString());
        assertFalse(Files.exists(unit));
        assertFalse(Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertTrue(ok("daemon", "disable").out().contains("no login service is installed"));
        assertTrue(ok("doctor").out().contains("no login service"));
    }

    @Test
    void theUnitPassesSystemdAnalyzeVerify() throws Exception {
        ok("daemon", "enable");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/systemd-analyze")),
                "systemd-analyze is not installed (.ci/run installs it): the unit's text is checked by LoginServiceTest only");
        Process p = new ProcessBuilder("systemd-analyze", "verify", "--man=no", unit.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals("", output.strip(), "systemd-analyze verify complained");
        assertEquals(0, p.exitValue(), output);
    }

    @Test
    void aDaemonStartedAsTheUnitStartsItIsTheOneClientsUseAndItStartsWhatWasRunning() throws Exception {
        TendProject p = new TendProject(tend, "boot", "services:\n  web:\n    command: sleep 1000\n");
        p.ok("up", "--wait");
        long before = pid(p.service("web"));
        ok("daemon", "stop");
        TendProject.await("the stopped daemon's service is gone", () -> alive(before) ? null : true);
        ok("daemon", "enable");

        Process daemon = startAsTheUnit(Files.readString(unit));
        try {
            TendHome.waitUntil("the unit's daemon listens", () -> Files.exists(tend.socket()));
            Map<String, Object> web = TendProject.await("web runs again under the unit's daemon", () -> {
                Map<String, Object> s = p.service("web");
                return s != null && "ready".equals(state(s)) && pid(s) != before ? s : null;
            });
            assertTrue(alive(pid(web)));
            Map<String, Object> status = TendProject.objects("[" + ok("daemon", "status", "--json").out() + "]").get(0);
            assertEquals("systemd", status.get("startedBy"));
            long daemonPid = ((Number) status.get("pid")).longValue();
            assertTrue(daemonPid == daemon.pid() || daemon.descendants().anyMatch(d -> d.pid() == daemonPid),
                    "the daemon clients use is the unit's (pid " + daemonPid + ")");
            assertEquals(1, tend.daemons().size(), "no client started a second daemon: " + tend.daemons());
            TendHome.Result doctor = ok("doctor");
            assertTrue(doctor.out().contains("started by the login service (systemd)"), doctor.toString());

            ok("daemon", "stop");
            assertTrue(daemon.waitFor(2, TimeUnit.MINUTES), "the unit's daemon ended");
            assertEquals(0, daemon.exitValue(), "a stop it was asked for is a clean exit: Restart=on-failure leaves it down");
        } finally {
            daemon.destroyForcibly();
        }
    }

    /** Runs ExecStartPre, then starts ExecStart with the unit's Environment= lines and little else, as systemd would. */
    private Process startAsTheUnit(String unitText) throws Exception {
        Map<String, String> env = new LinkedHashMap<>();
        List<String> launcher = new ArrayList<>();
        for (String line : unitText.split("\n")) {
            if (line.startsWith("Environment=\"")) {
                String kv = line.substring("Environment=\"".length(), line.length() - 1);
                env.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
            } else if (line.startsWith("ExecStart=\"")) {
                launcher.add(line.substring("ExecStart=\"".length(), line.indexOf("\" daemon run")));
            }
        }
        assertEquals(1, launcher.size(), unitText);
        env.put("HOME", System.getProperty("user.home"));
        env.put("USER", System.getProperty("user.name"));
        ProcessBuilder pre = new ProcessBuilder(launcher.get(0), "daemon", "stop");
        pre.environment().clear();
        pre.environment().putAll(env);
        TendHome.finish(pre.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start());
        ProcessBuilder run = new ProcessBuilder(launcher.get(0), "daemon", "run");
        run.environment().clear();
        run.environment().putAll(env);
        run.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        run.redirectErrorStream(true).redirectOutput(tend.home().resolve("unit-output.log").toFile());
        return run.start();
    }
}
