package dev.tend.cli;

import dev.tend.client.DaemonConnector;
import dev.tend.client.DaemonUnavailableException;
import dev.tend.protocol.Methods;
import dev.tend.protocol.TendPaths;
import dev.tend.protocol.Version;
import dev.tend.protocol.json.Json;
import dev.tend.protocol.json.JsonObjects;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * `tend doctor`: checks the installation from the JDK to a daemon answering on its socket, and says what to
 * fix. It starts the daemon if none runs, as any command would: that is the one check that proves tend works.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Check the installation and say what to fix; exit 1 if something must be fixed.",
                "Checks Java, directories and permissions, the daemon's socket, its version and native transport, "
                        + "and the login service."})
final class DoctorCommand extends TendSubcommand {
    @Option(names = "--json", description = "One JSON array of {check, status: ok|warn|fail, detail, fix}.")
    boolean json;

    @Override
    public Integer call() {
        List<DoctorChecks.Check> checks = new ArrayList<>();
        checks.add(DoctorChecks.java(Runtime.version(), System.getProperty("java.home"), System.getProperty("tend.launcher")));
        TendPaths paths = null;
        try {
            paths = DaemonAccess.paths(root());
        } catch (CliException e) {
            checks.add(DoctorChecks.Check.fail("instance", e.getMessage(), "use a valid --instance or TEND_INSTANCE"));
        }
        if (paths != null) {
            checks.add(DoctorChecks.directory("runtime dir", paths.runtimeDir(), true));
            checks.add(DoctorChecks.directory("state dir", paths.stateDir(), false));
            checks.add(DoctorChecks.room(paths.stateDir(), paths.stateDirFreeBytes()));
            checks.add(DoctorChecks.launcher(System.getProperty("tend.launcher")));
            if (checks.stream().noneMatch(c -> c.status() == DoctorChecks.Status.FAIL)) {
                checks.addAll(daemon());
            }
        }
        print(checks);
        return checks.stream().anyMatch(c -> c.status() == DoctorChecks.Status.FAIL) ? ExitCode.FAILED : ExitCode.OK;
    }

    private List<DoctorChecks.Check> daemon() {
        List<DoctorChecks.Check> checks = new ArrayList<>();
        DaemonConnector.Connection c;
        try {
            c = connect();
        } catch (DaemonUnavailableException | CliException e) {
            checks.add(DoctorChecks.Check.fail("daemon", e.getMessage(),
                    "read `tend daemon logs`; `tend daemon stop` then try again"));
            return checks;
        }
        try (var client = c.client()) {
            Map<String, Object> status = JsonObjects.object(client.call(Methods.DAEMON_STATUS, null));
            checks.add(DoctorChecks.daemon(status, Version.current()));
            checks.add(DoctorChecks.transport(String.valueOf(status.get("transport"))));
            checks.add(DoctorChecks.loginService(LoginService.Status.read(LoginService.here()),
                    status.get("startedBy") instanceof String by ? by : null));
        } catch (Exception e) {
            checks.add(DoctorChecks.Check.fail("daemon", "daemon.status failed: " + Errors.map(e).getMessage(),
                    "read `tend daemon logs`"));
        }
        return checks;
    }

    private void print(List<DoctorChecks.Check> checks) {
        if (json) {
            List<Object> list = new ArrayList<>();
            for (DoctorChecks.Check c : checks) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("check", c.name());
                m.put("status", c.status().word());
                m.put("detail", c.detail());
                m.put("fix", c.fix());
                list.add(m);
            }
            out().println(Json.write(list));
            return;
        }
        out().print(DoctorChecks.format(checks, Colors.enabled(root())));
    }
}
