package dev.tend.daemon.core.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tend.daemon.core.JobSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which jobs the scheduler holds after projects register and ad-hoc jobs come and go. */
class JobRegistrationTest extends SchedulerOnHarness {

    private List<String> names(String projectOrNull) {
        return h.scheduler.list(projectOrNull).stream().map(j -> j.project() + "/" + j.name()).toList();
    }

    @Test
    void aProjectsListHasOnlyItsJobsAndTheWholeListHasEveryProjectsInRegistrationOrder() {
        h.register(h.job("a", "@hourly", "true"), h.job("b", "@hourly", "true"));
        h.scheduler.register("other", JobHarness.ENV, List.of(h.job("c", "@hourly", "true")));

        assertEquals(List.of("demo/a", "demo/b"), names("demo"));
        assertEquals(List.of("other/c"), names("other"));
        assertEquals(List.of("demo/a", "demo/b", "other/c"), names(null));
    }

    @Test
    void aReloadFromAShellWithOtherVariablesChangesNoJobAsItChangesNoService() {
        JobSpec a = h.job("a", "@hourly", "echo $FOO");
        h.scheduler.register("demo", JobHarness.ENV, List.of(a));
        java.util.Map<String, String> otherShell = new java.util.HashMap<>(JobHarness.ENV);
        otherShell.put("FOO", "1");

        JobChanges changes = h.scheduler.register("demo", otherShell, List.of(a));

        assertEquals(List.of(), changes.changed(), "the file did not change");
        assertEquals(List.of(), changes.added());
    }

    @Test
    void removingAnAdHocJobLeavesTheOthersScheduled() {
        h.scheduler.add(h.job("backup", "@daily", "true"));
        h.scheduler.add(h.job("report", "@hourly", "true"));

        h.scheduler.remove("backup");

        assertEquals(List.of("adhoc/report"), names(JobScheduler.ADHOC));
        assertEquals(List.of("report"), List.copyOf(h.store.adhocJobs().keySet()));
    }
}
