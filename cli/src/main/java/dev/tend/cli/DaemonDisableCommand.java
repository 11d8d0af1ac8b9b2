package dev.tend.cli;

import picocli.CommandLine.Command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * `tend daemon disable`: removes the login service's file and the link that enabled it (what `systemctl --user
 * disable` removes); a daemon it started keeps running until it stops.
 */
@Command(name = "disable", mixinStandardHelpOptions = true,
        description = {"Remove the login service `tend daemon enable` installed.",
                "A daemon it started keeps running until it stops (`tend daemon stop`)."})
final class DaemonDisableCommand extends TendSubcommand {

    @Override
    public Integer call() {
        LoginService.Place place = LoginService.here();
        boolean removed = false;
        try {
            if (!place.enabledLink().equals(place.file()) && Files.deleteIfExists(place.enabledLink())) {
                out().println("removed " + place.enabledLink());
                removed = true;
            }
            if (Files.deleteIfExists(place.file())) {
                out().println("removed " + place.file());
                removed = true;
            }
        } catch (IOException e) {
            throw new CliException(ExitCode.FAILED, "cannot remove the login service: " + e.getMessage());
        }
        if (!removed) {
            out().println("no login service is installed (" + place.file() + ")");
            return ExitCode.OK;
        }
        out().println(place.kind() == LoginService.Kind.SYSTEMD
                ? "run `systemctl --user daemon-reload` so that systemd forgets it; the daemon keeps running until it stops"
                : "run `launchctl remove " + LoginService.AGENT_LABEL + "` to unload it now; otherwise it is gone at the next login");
        return ExitCode.OK;
    }
}
