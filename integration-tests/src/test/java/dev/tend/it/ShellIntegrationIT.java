package dev.tend.it;

import dev.tend.protocol.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Completion, the manual, machine-readable output and discovery: tend among the tools around it. */
class ShellIntegrationIT {
    private TendHome tend;

    @TempDir
    Path project;

    @BeforeEach
    void setUp() throws Exception {
        tend = new TendHome();
        Files.writeString(project.resolve("tend.yaml"), """
                project: shop
                services:
                  web:
                    command: sleep 1000
                  worker:
                    command: sleep 1000
                jobs:
                  nightly:
                    schedule: "@daily"
                    command: "true"
                """);
    }

    @AfterEach
    void tearDown() throws Exception {
        tend.close();
    }

    private TendHome.Result run(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(TendHome.LAUNCHER.toString()));
        cmd.addAll(List.of(args));
        return TendHome.finish(tend.command(cmd.toArray(String[]::new)).directory(project.toFile()).start());
    }

    @Test
    void completeWithoutADaemonPrintsNothingAndStartsNone() throws Exception {
        TendHome.Result r = run("__complete", "services");
        assertEquals(0, r.exit(), r.toString());
        assertEquals("", r.out());
        assertEquals("", r.err());
        assertTrue(tend.daemons().isEmpty(), "a Tab press must not start a daemon");
        assertFalse(Files.exists(tend.socket()));
    }

    @Test
    void bashCompletesServiceNamesFromTheDaemon() throws Exception {
        assertEquals(0, run("up").exit());
        TendHome.Result script = run("completion", "bash");
        assertEquals(0, script.exit(), script.toString());
        Path file = project.resolve("tend.bash");
        Files.writeString(file, script.out());
        // what bash does on `tend restart w<Tab>`
        String driver = "source " + file + "; COMP_WORDS=(" + TendHome.LAUNCHER + " restart w); COMP_CWORD=2; "
                + "_tend_names; printf '%s\\n' \"${COMPREPLY[@]}\"";
        TendHome.Result r = TendHome.finish(tend.command("bash", "-c", driver).directory(project.toFile()).start());
        assertEquals(0, r.exit(), r.toString());
        assertEquals(List.of("web", "worker"), r.out().lines().sorted().toList(), r.toString());

        String jobDriver = "source " + file + "; COMP_WORDS=(" + TendHome.LAUNCHER + " job run n); COMP_CWORD=3; "
                + "_tend_names; printf '%s\\n' \"${COMPREPLY[@]}\"";
        TendHome.Result jobs = TendHome.finish(tend.command("bash", "-c", jobDriver).directory(project.toFile()).start());
        assertEquals("nightly\n", jobs.out(), jobs.toString());

        TendHome.Result names = run("__complete", "services");
        assertEquals(Set.of("web", "worker", "shop/web", "shop/worker"), new TreeSet<>(names.out().lines().toList()));
    }

    @Test
    void fishAndZshScriptsAreGenerated() throws Exception {
        TendHome.Result fish = run("completion", "fish");
        assertEquals(0, fish.exit(), fish.toString());
        assertTrue(fish.out().contains("complete -c tend"), fish.out());
        TendHome.Result zsh = run("completion", "zsh");
        assertTrue(zsh.out().startsWith("autoload -U +X compinit"), zsh.out());
        assertEquals(2, run("completion", "tcsh").exit());
    }

    @Test
    void theManualIsBuiltWithTheDistribution() throws Exception {
        Path man = TendHome.ROOT.resolve("cli/target/man");
        for (String page : List.of("tend.adoc", "tend-up.adoc", "tend-export-systemd.adoc", "tend-doctor.adoc", "tend-tui.adoc")) {
            assertTrue(Files.isRegularFile(man.resolve(page)), "missing " + man.resolve(page));
        }
        assertTrue(Files.readString(man.resolve("tend-export-systemd.adoc")).contains(":doctype: manpage"));
    }

    /** Output to a pipe has no colour codes, even without --no-color or NO_COLOR. */
    @Test
    void outputToAPipeIsPlain() throws Exception {
        assertEquals(0, run("up").exit());
        TendHome.Result ps = run("ps");
        assertEquals(0, ps.exit(), ps.toString());
        assertFalse(ps.out().contains("\u001b["), ps.out());
    }

    /** Under a pseudo-terminal (util-linux `script`) the states are coloured, unless NO_COLOR or --no-color. */
    @Test
    void aTerminalGetsColoursUnlessNoColorOrTheOption() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "no script(1)");
        assertEquals(0, run("up", "--wait").exit());
        assertTrue(underTerminal(TendHome.LAUNCHER + " ps", null).contains("\u001b[32mready\u001b[0m"));
        assertFalse(underTerminal(TendHome.LAUNCHER + " ps", "1").contains("\u001b["));
        assertFalse(underTerminal(TendHome.LAUNCHER + " --no-color ps", null).contains("\u001b["));
    }

    private String underTerminal(String command, String noColor) throws Exception {
        ProcessBuilder pb = tend.command("script", "-qec", command, "/dev/null").directory(project.toFile());
        pb.environment().remove("NO_COLOR");
        if (noColor != null) {
            pb.environment().put("NO_COLOR", noColor);
        }
        TendHome.Result r = TendHome.finish(pb.start());
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("STATE"), r.toString());
        return r.out();
    }

    @Test
    void dataCommandsSpeakJson() throws Exception {
        TendHome.Result up = run("up", "--json");
        assertEquals(0, up.exit(), up.toString());
        assertEquals("shop", ((Map<?, ?>) Json.parse(up.out())).get("project"));
        TendHome.Result stop = run("stop", "web", "--json");
        assertEquals(0, stop.exit(), stop.toString());
        List<?> stopped = (List<?>) Json.parse(stop.out());
        assertEquals("web", ((Map<?, ?>) stopped.get(0)).get("name"));
        TendHome.Result down = run("down", "--json");
        assertEquals("shop", ((Map<?, ?>) Json.parse(down.out())).get("project"));
        TendHome.Result doctor = run("doctor", "--json");
        assertTrue(Json.parse(doctor.out()) instanceof List<?>, doctor.toString());
    }

    @Test
    void rpcDiscoverDescribesEveryMethod() throws Exception {
        assertEquals(0, run("daemon", "status").exit());
        try (RawPeer peer = new RawPeer(tend.socket())) {
            Map<?, ?> response = (Map<?, ?>) Json.parse(peer.exchange("{\"jsonrpc\":\"2.0\",\"method\":\"rpc.discover\",\"id\":1}"));
            Map<?, ?> doc = (Map<?, ?>) response.get("result");
            assertEquals("1.2.6", doc.get("openrpc"));
            Set<Object> names = new TreeSet<>();
            for (Object m : (List<?>) doc.get("methods")) {
                names.add(((Map<?, ?>) m).get("name"));
            }
            assertTrue(names.containsAll(List.of("daemon.hello", "project.up", "project.export", "service.list",
                    "logs.read")), names.toString());
        }
    }
}
