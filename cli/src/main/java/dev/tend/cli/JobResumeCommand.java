package dev.tend.cli;

import dev.tend.protocol.Methods;
import picocli.CommandLine.Command;

@Command(name = "resume", mixinStandardHelpOptions = true,
        description = "Put paused jobs back on their schedules from now on (the times missed while paused do not run).")
final class JobResumeCommand extends JobScheduleAction {
    JobResumeCommand() {
        super(Methods.JOB_RESUME);
    }
}
