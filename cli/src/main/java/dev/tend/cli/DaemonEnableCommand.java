package dev.tend.cli;

import dev.tend.protocol.Version;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** `tend daemon enable`: installs the login service (a systemd user unit or a launchd agent); starts nothing. */
@Command(name = "enable", mixinStandardHelpOptions = true,
        description = {"Install a per-user service that starts the daemon at login (systemd user unit on Linux, "
                + "launchd agent on macOS).",
                "Prints the file written and the one command that activates it; starts nothing itself."})
final class DaemonEnableCommand extends TendSubcommand {

    @Override
    public Integer call() {
        LoginService.Place place = LoginService.here();
        LoginService.Kind kind = place.kind();
        String launcher = launcher();
        var env = LoginService.environment(kind, System.getenv(), System.getProperty("java.home"));
        String text = kind == LoginService.Kind.SYSTEMD
                ? LoginService.systemdUnit(launcher, env, Version.current())
                : LoginService.launchdPlist(launcher, env, Version.current());
        try {
            Files.createDirectories(place.file().getParent());
            Files.writeString(place.file(), text);
        } catch (IOException e) {
            throw new CliException(ExitCode.FAILED, "cannot write " + place.file() + ": " + e.getMessage());
        }
        out().println("wrote " + place.file());
        out().println("activate it (starts the daemon now and at every login): " + LoginService.activateCommand(place));
        String boot = LoginService.bootCommand(kind, System.getProperty("user.name"));
        if (boot != null) {
            out().println("to start it at boot, without a login: " + boot);
        }
        return ExitCode.OK;
    }

    /** The launcher's absolute path: the unit runs it with no PATH to find `tend` on. */
    static String launcher() {
        String launcher = System.getProperty("tend.launcher");
        if (launcher == null) {
            throw new CliException(ExitCode.USAGE, "`tend daemon enable` must be run through the bin/tend launcher "
                    + "(the login service runs that launcher)");
        }
        try {
            return Path.of(launcher).toRealPath().toString();
        } catch (IOException e) {
            return Path.of(launcher).toAbsolutePath().normalize().toString();
        }
    }
}
