package dev.tend.tui.model;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.tend.tui.model.Wire.changed;
import static dev.tend.tui.model.Wire.json;
import static dev.tend.tui.model.Wire.service;
import static dev.tend.tui.model.Wire.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DaemonModelTest {
    private final AtomicInteger changes = new AtomicInteger();
    private final DaemonModel model = new DaemonModel(changes::incrementAndGet);

    private List<String> states() {
        return model.state().services().stream().map(s -> s.ref() + "=" + s.state()).toList();
    }

    @Test
    void snapshotReplacesEverythingAndGoesLive() {
        model.applySnapshot(snapshot("sub-1", 10, service("shop", "api", "running", 11), service("shop", "db", "ready", 12)));
        DaemonModel.State s = model.state();
        assertEquals(LinkState.LIVE, s.link());
        assertEquals(10, s.seq());
        assertEquals(List.of("shop/api=running", "shop/db=ready"), states());
        assertEquals(List.of("blog", "shop"), s.projects().stream().map(ProjectRow::name).toList());
        assertTrue(s.jobsSupported(), "a snapshot with a jobs list means the daemon has jobs");
        assertEquals(1, changes.get());

        model.applySnapshot(snapshot("sub-2", 20, service("shop", "db", "stopped", 0)));
        assertEquals(List.of("shop/db=stopped"), states());
    }

    @Test
    void aSilenceMarksTheLiveLinkWithWhyUntilTheDaemonIsHeardAndNeverMasksADisconnection() {
        model.silent("before any connection");
        assertEquals(LinkState.CONNECTING, model.state().link(), "nothing to be silent on yet");

        model.applySnapshot(snapshot("sub-1", 10, service("shop", "api", "running", 11)));
        model.silent("it is stopped (`kill -CONT 42` resumes it)");
        assertEquals(LinkState.SILENT, model.state().link());
        assertEquals("it is stopped (`kill -CONT 42` resumes it)", model.state().linkDetail());
        assertEquals(List.of("shop/api=running"), states(), "the screen stays");
        model.answering();
        assertEquals(LinkState.LIVE, model.state().link());
        assertEquals("", model.state().linkDetail());

        model.silent("no answer");
        model.disconnected("the daemon went away");
        model.answering();
        assertEquals(LinkState.DISCONNECTED, model.state().link(), "a later disconnection is not undone");
        assertEquals("the daemon went away", model.state().linkDetail());
    }

    @Test
    void serviceChangedReplacesOneRowAndAdvancesSeq() {
        model.applySnapshot(snapshot("sub-1", 10, service("shop", "api", "running", 11), service("shop", "db", "ready", 12)));
        assertEquals(DaemonModel.Outcome.APPLIED, model.apply(changed("sub-1", 11, service("shop", "api", "stopped", 0))));
        assertEquals(List.of("shop/api=stopped", "shop/db=ready"), states());
        assertEquals(11, model.state().seq());
        assertEquals(null, model.state().services().get(0).pid());
    }

    @Test
    void usageSamplesUpdateCpuAndMemoryOfRunningServicesOnlyAndLeaveSeqAlone() {
        model.applySnapshot(snapshot("sub-1", 10, service("shop", "api", "running", 11), service("shop", "db", "stopped", 0)));
        int before = changes.get();
        assertEquals(DaemonModel.Outcome.APPLIED, model.apply(json("{'jsonrpc':'2.0','method':'service.usage','params':"
                + "{'subscription':'sub-1','services':[{'project':'shop','name':'api','cpuPercent':42.5,'rssBytes':123456},"
                + "{'project':'shop','name':'db','cpuPercent':9.0,'rssBytes':999},"
                + "{'project':'gone','name':'x','cpuPercent':1.0,'rssBytes':1}]}}")));
        ServiceRow api = model.state().services().get(0);
        ServiceRow db = model.state().services().get(1);
        assertEquals(42.5, api.cpuPercent());
        assertEquals(123456, api.rssBytes());
        assertEquals(1.5, db.cpuPercent(), "a stopped row keeps what its last state event said");
        assertEquals(10485760, db.rssBytes());
        assertEquals(10, model.state().seq(), "a measurement is not a change of state");
        assertEquals(before + 1, changes.get(), "one redraw for the sample");
        assertEquals(List.of("shop/api=running", "shop/db=stopped"), states(), "no row added for an unknown service");
    }

    @Test
    void eventsAlreadyInTheSnapshotAreIgnored() {
        model.applySnapshot(snapshot("sub-1", 10, service("shop", "api", "running", 11)));
        int before = changes.get();
        model.apply(changed("sub-1", 10, service("shop", "api", "stopped", 0)));
        model.apply(changed("sub-1", 9, service("shop", "api", "crashed", 0)));
        assertEquals(List.of("shop/api=running"), states());
        assertEquals(before, changes.get(), "nothing changed, nothing to redraw");
    }

    @Test
    void eventsOfAnotherSubscriptionAreIgnored() {
        model.applySnapshot(snapshot("sub-2", 10, service("shop", "api", "running", 11)));
        model.apply(changed("sub-1", 50, service("shop", "api", "stopped", 0)));
        assertEquals(List.of("shop/api=running"), states());
        assertEquals(10, model.state().seq());
    }

    @Test
    void newServiceIsAddedAndRemovedServiceGoes() {
        model.applySnapshot(snapshot("s", 1, service("shop", "api", "running", 11)));
        model.apply(changed("s", 2, service("adhoc", "scratch", "starting", 0)));
        assertEquals(List.of("shop/api=running", "adhoc/scratch=starting"), states());
        model.apply(json("{'method':'service.removed','params':{'subscription':'s','seq':3,'project':'shop','name':'api'}}"));
        assertEquals(List.of("adhoc/scratch=starting"), states());
    }

    @Test
    void aProjectKeepsItsProblemAndAForgottenOneLeaves() {
        model.applySnapshot(snapshot("s", 1));
        model.apply(json("{'method':'project.changed','params':{'subscription':'s','seq':2,'project':"
                + "{'name':'blog','dir':'/b','file':'/b/tend.yaml','services':[],'problem':'its file /b/tend.yaml is gone'}}}"));
        ProjectRow blog = model.state().projects().get(0);
        assertEquals("its file /b/tend.yaml is gone", blog.problem());
        model.apply(json("{'method':'project.removed','params':{'subscription':'s','seq':3,'name':'blog'}}"));
        assertEquals(List.of("shop"), model.state().projects().stream().map(ProjectRow::name).toList());
    }

    @Test
    void projectAndJobChangesAreKept() {
        model.applySnapshot(snapshot("s", 1));
        model.apply(json("{'method':'project.changed','params':{'subscription':'s','seq':2,'project':"
                + "{'name':'alpha','dir':'/a','file':'/a/tend.yaml','services':['x']}}}"));
        model.apply(json("{'method':'job.changed','params':{'subscription':'s','seq':3,'job':{'project':'alpha',"
                + "'name':'backup','schedule':'0 3 * * *','timezone':'UTC','overlap':'skip','state':'idle',"
                + "'nextRun':'2030-01-02T03:00:00Z','lastRun':{'id':7,'trigger':'schedule','scheduledFor':null,"
                + "'startedAt':'2030-01-01T03:00:00Z','endedAt':'2030-01-01T03:00:05Z','exitCode':2,'signal':null}}}}"));
        DaemonModel.State s = model.state();
        assertEquals(List.of("alpha", "blog", "shop"), s.projects().stream().map(ProjectRow::name).toList());
        JobRow job = s.jobs().get(0);
        assertEquals("alpha/backup", job.key());
        assertEquals("exit 2", job.lastRun().result());
        assertTrue(job.lastRun().failed());
    }

    @Test
    void removedJobLeavesTheJobsView() {
        model.applySnapshot(snapshot("s", 1));
        model.apply(json("{'method':'job.changed','params':{'subscription':'s','seq':2,'job':{'project':'adhoc',"
                + "'name':'backup','schedule':'@every 1h','timezone':'UTC','overlap':'skip','state':'idle',"
                + "'nextRun':null,'lastRun':null}}}"));
        model.apply(json("{'method':'job.changed','params':{'subscription':'s','seq':3,'job':{'project':'adhoc',"
                + "'name':'report','schedule':'@every 1h','timezone':'UTC','overlap':'skip','state':'idle',"
                + "'nextRun':null,'lastRun':null}}}"));
        int before = changes.get();

        model.apply(json("{'method':'job.removed','params':{'subscription':'s','seq':4,'project':'adhoc','name':'backup'}}"));

        assertEquals(List.of("adhoc/report"), model.state().jobs().stream().map(JobRow::key).toList());
        assertEquals(4, model.state().seq());
        assertEquals(before + 1, changes.get(), "the jobs view is redrawn");
    }

    @Test
    void laggedAsksForANewSubscription() {
        model.applySnapshot(snapshot("s", 1));
        assertEquals(DaemonModel.Outcome.RESUBSCRIBE,
                model.apply(json("{'method':'events.lagged','params':{'subscription':'s','missed':500}}")));
        assertTrue(model.state().linkDetail().contains("500"));
    }

    @Test
    void daemonStoppingMarksTheLinkDisconnectedButKeepsTheLastPicture() {
        model.applySnapshot(snapshot("s", 1, service("shop", "api", "running", 11)));
        assertEquals(DaemonModel.Outcome.STOPPING,
                model.apply(json("{'method':'daemon.stopping','params':{'subscription':'s','reason':'replaced'}}")));
        assertEquals(LinkState.DISCONNECTED, model.state().link());
        assertEquals("daemon stopping: replaced", model.state().linkDetail());
        assertEquals(1, model.state().services().size());
    }

    @Test
    void unknownNotificationsAreHarmless() {
        model.applySnapshot(snapshot("s", 1, service("shop", "api", "running", 11)));
        assertEquals(DaemonModel.Outcome.APPLIED, model.apply(json("{'method':'something.new','params':{'x':1}}")));
        assertEquals(DaemonModel.Outcome.APPLIED, model.apply(json("{'method':'service.changed'}")));
        assertEquals(List.of("shop/api=running"), states());
    }

    @Test
    void pollingReplacesEverythingAndSaysSo() {
        model.applyPoll(json("{'seq':5,'services':[" + service("shop", "api", "exited", 0) + "]}"),
                json("{'projects':[]}"), null);
        DaemonModel.State s = model.state();
        assertEquals(LinkState.POLLING, s.link());
        assertEquals(List.of("shop/api=exited"), states());
        assertFalse(s.jobsSupported(), "job.list was method-not-found");
    }

    @Test
    void helloNamesTheDaemonAndDisconnectKeepsIt() {
        model.connected(json("{'version':'1.2.3','instance':'work','pid':5}"));
        model.disconnected("gone");
        DaemonModel.State s = model.state();
        assertEquals("1.2.3", s.daemonVersion());
        assertEquals("work", s.instance());
        assertEquals(LinkState.DISCONNECTED, s.link());
    }
}
