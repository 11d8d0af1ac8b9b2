package dev.tend.cli;

import dev.tend.protocol.json.Json;
import dev.tend.protocol.json.JsonObjects;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PsTableTest {
    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");

    private static Map<String, Object> service(String json) {
        return JsonObjects.object(Json.parse(json));
    }

    @Test
    void formatsLiveAndStoppedServicesInAlignedColumns() {
        List<Map<String, Object>> services = List.of(
                service("{\"project\":\"shop\",\"name\":\"api\",\"state\":\"running\",\"pid\":4242,"
                        + "\"startedAt\":\"2024-05-01T11:57:30Z\",\"restarts\":2,\"cpuPercent\":12.34,"
                        + "\"rssBytes\":52428800,\"port\":8080}"),
                service("{\"project\":\"shop\",\"name\":\"worker\",\"state\":\"crashed\",\"exitCode\":3,\"restarts\":0}"));
        String expected = ""
                + "SERVICE  STATE        PID   UPTIME  RESTARTS  CPU    MEM    PORTS\n"
                + "api      running      4242  2m30s   2         12.3%  50.0M  8080\n"
                + "worker   crashed (3)  -     -       0         -      -      -\n";
        assertEquals(expected, PsTable.format(services, false, NOW));
    }

    @Test
    void aReplicatedServiceShowsOneGroupRowAboveItsCopiesInCopyOrder() {
        List<Map<String, Object>> services = List.of(
                service("{\"project\":\"shop\",\"name\":\"api#10\",\"state\":\"crashed\",\"exitCode\":1,\"restarts\":4}"),
                service("{\"project\":\"shop\",\"name\":\"db\",\"state\":\"ready\",\"pid\":10,"
                        + "\"startedAt\":\"2024-05-01T11:00:00Z\",\"cpuPercent\":1.0,\"rssBytes\":1048576}"),
                service("{\"project\":\"shop\",\"name\":\"api#2\",\"state\":\"running\",\"pid\":12,"
                        + "\"startedAt\":\"2024-05-01T11:59:00Z\",\"restarts\":1,\"cpuPercent\":2.5,"
                        + "\"rssBytes\":2097152,\"port\":4002}"),
                service("{\"project\":\"shop\",\"name\":\"api#1\",\"state\":\"ready\",\"pid\":11,"
                        + "\"startedAt\":\"2024-05-01T11:59:00Z\",\"cpuPercent\":1.5,\"rssBytes\":1048576,\"port\":4001}"));
        String expected = ""
                + "SERVICE  STATE        PID  UPTIME  RESTARTS  CPU   MEM   PORTS\n"
                + "api      2/3 up       -    -       5         4.0%  3.0M  -\n"
                + "api#1    ready        11   1m      0         1.5%  1.0M  4001\n"
                + "api#2    running      12   1m      1         2.5%  2.0M  4002\n"
                + "api#10   crashed (1)  -    -       4         -     -     -\n"
                + "db       ready        10   1h      0         1.0%  1.0M  -\n";
        assertEquals(expected, PsTable.format(services, false, NOW));
    }

    @Test
    void aGroupWithNoLiveCopyHasNoUsageAndTheProjectInItsName() {
        String table = PsTable.format(List.of(
                service("{\"project\":\"shop\",\"name\":\"api#1\",\"state\":\"stopped\"}")), true, NOW);
        assertEquals("shop/api         0/1 up   -    -       0         -    -    -", table.lines().toList().get(1));
    }

    @Test
    void aProjectThatCannotRunIsNamedWithItsProblemAndHowToForgetIt() {
        assertEquals("project shop: its file /gone/tend.yaml is gone (`tend forget -p shop` unregisters it)",
                PsTable.problem(service("{\"name\":\"shop\",\"problem\":\"its file /gone/tend.yaml is gone\"}")));
    }

    @Test
    void forgetSaysWhatWasStoppedAndWhetherHistoryWasKept() {
        assertEquals("project shop forgotten (2 services stopped; history and logs kept: `tend forget --purge` removes them)",
                ForgetCommand.summary(service("{\"project\":\"shop\",\"services\":[\"a\",\"b\"],\"purged\":false}")));
        assertEquals("project shop forgotten (1 service stopped; history and logs removed)",
                ForgetCommand.summary(service("{\"project\":\"shop\",\"services\":[\"a\"],\"purged\":true}")));
    }

    @Test
    void withProjectNamesEachRowProjectSlashService() {
        String table = PsTable.format(List.of(service("{\"project\":\"shop\",\"name\":\"api\",\"state\":\"stopped\"}")), true, NOW);
        assertEquals("PROJECT/SERVICE  STATE    PID  UPTIME  RESTARTS  CPU  MEM  PORTS\n"
                + "shop/api         stopped  -    -       0         -    -    -\n", table);
    }

    @Test
    void liveServiceWithoutStartTimeHasNoUptime() {
        String table = PsTable.format(List.of(service("{\"name\":\"a\",\"state\":\"starting\",\"pid\":7}")), false, NOW);
        assertEquals("a        starting  7    -       0         0.0%  0B   -", table.lines().toList().get(1));
    }

    @Test
    void stateShowsSignalBeforeExitCode() {
        assertEquals("crashed (SIGKILL)", PsTable.state(service("{\"state\":\"crashed\",\"signal\":\"SIGKILL\",\"exitCode\":137}")));
        assertEquals("exited (0)", PsTable.state(service("{\"state\":\"exited\",\"exitCode\":0}")));
        assertEquals("failed (1)", PsTable.state(service("{\"state\":\"failed\",\"exitCode\":1}")));
        assertEquals("crashed", PsTable.state(service("{\"state\":\"crashed\"}")));
        assertEquals("completed (0)", PsTable.state(service("{\"state\":\"completed\",\"exitCode\":0}")));
        assertEquals("completed (3)", PsTable.state(service("{\"state\":\"completed\",\"exitCode\":3}")));
    }

    @Test
    void aFailedServiceGetsALineWithItsReasonUnderTheTable() {
        assertEquals(List.of("api failed: dependency migrate is completed (3), and api needs it completed successfully"),
                PsTable.whyFailed(List.of(service("{\"name\":\"api\",\"state\":\"failed\",\"reason\":"
                        + "\"dependency migrate is completed (3), and api needs it completed successfully\"}"),
                        service("{\"name\":\"web\",\"state\":\"ready\"}")), false));
    }

    @Test
    void aServiceWaitingForADependencyStoppedByHandGetsALineUnderTheTable() {
        assertEquals(List.of("api starting: waiting for db (stopped, and nothing starts it)"),
                PsTable.whyFailed(List.of(service("{\"name\":\"api\",\"state\":\"starting\",\"reason\":"
                        + "\"waiting for db (stopped, and nothing starts it)\"}"),
                        service("{\"name\":\"web\",\"state\":\"starting\",\"reason\":\"waiting for db\"}")), false));
    }

    @Test
    void aCrashedServiceUnderWatchSaysItWaitsForAChangeInTheTableAndBelowIt() {
        Map<String, Object> api = service("{\"name\":\"api\",\"state\":\"crashed\",\"exitCode\":1,\"reason\":"
                + "\"waiting for a change to a watched file (exited 1)\"}");
        assertEquals("crashed (1), waiting for a change", PsTable.state(api));
        assertEquals(List.of("api crashed: waiting for a change to a watched file (exited 1)"),
                PsTable.whyFailed(List.of(api, service("{\"name\":\"web\",\"state\":\"crashed\",\"exitCode\":1,"
                        + "\"reason\":\"restarting in 2s\"}")), false));
    }

    @Test
    void stateOfOtherStatesIgnoresExitDetails() {
        assertEquals("running", PsTable.state(service("{\"state\":\"running\",\"exitCode\":1,\"signal\":\"SIGTERM\"}")));
        assertEquals("backoff", PsTable.state(service("{\"state\":\"backoff\",\"exitCode\":1}")));
    }

    @Test
    void aReadyServiceWhoseLivenessChecksFailSaysHowManyInARow() {
        assertEquals("ready (unhealthy 2/3)", PsTable.state(service(
                "{\"state\":\"ready\",\"alive\":{\"failures\":2,\"allowed\":3,\"lastError\":\"HTTP 503\"}}")));
        assertEquals("ready", PsTable.state(service(
                "{\"state\":\"ready\",\"alive\":{\"failures\":0,\"allowed\":3,\"lastError\":null}}")));
        assertEquals("ready", PsTable.state(service("{\"state\":\"ready\",\"alive\":null}")));
    }

    @Test
    void bytesPicksAUnitPerMagnitude() {
        assertEquals("0B", PsTable.bytes(0));
        assertEquals("1023B", PsTable.bytes(1023));
        assertEquals("1K", PsTable.bytes(1024));
        assertEquals("512K", PsTable.bytes(512 * 1024));
        assertEquals("1.0M", PsTable.bytes(1024 * 1024));
        assertEquals("1.5M", PsTable.bytes(1024 * 1024 * 3 / 2));
        assertEquals("1.0G", PsTable.bytes(1024L * 1024 * 1024));
        assertEquals("2.5G", PsTable.bytes(1024L * 1024 * 1024 * 5 / 2));
    }

    @Test
    void numbersReadAsInTheRootLocale() {
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 20_000; i++) {
            double cpu = i < 10_000 ? i / 1000.0 : random.nextDouble() * 800;
            assertEquals(String.format(java.util.Locale.ROOT, "%.1f%%", cpu), PsTable.percent(cpu));
            long b = i < 10_000 ? i * 997L : (long) (random.nextDouble() * (1L << 42));
            String expected = b < 1024 ? b + "B" : b < 1024 * 1024 ? String.format(java.util.Locale.ROOT, "%.0fK", b / 1024.0)
                    : b < 1024L * 1024 * 1024 ? String.format(java.util.Locale.ROOT, "%.1fM", b / (1024.0 * 1024))
                    : String.format(java.util.Locale.ROOT, "%.1fG", b / (1024.0 * 1024 * 1024));
            assertEquals(expected, PsTable.bytes(b));
        }
    }
}
