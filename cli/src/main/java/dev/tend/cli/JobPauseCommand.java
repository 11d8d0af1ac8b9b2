package dev.tend.cli;

import dev.tend.protocol.Methods;
import picocli.CommandLine.Command;

@Command(name = "pause", mixinStandardHelpOptions = true,
        description = {"Pause jobs' schedules: no scheduled or catch-up run starts until `tend job resume`, "
                + "also across daemon restarts.", "A run under way finishes; `tend job run` still runs a paused job."})
final class JobPauseCommand extends JobScheduleAction {
    JobPauseCommand() {
        super(Methods.JOB_PAUSE);
    }
}
