package dev.tend.cli;

import dev.tend.protocol.json.Json;
import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EventFormatTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String text) {
        return (Map<String, Object>) Json.parse(text);
    }

    @Test
    void jsonIsTheNotificationsMethodAndParamsOnOneLine() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("subscription", "sub-1");
        params.put("seq", 7);
        String line = EventFormat.json("service.removed", params);
        assertEquals(-1, line.indexOf('\n'));
        Map<String, Object> back = json(line);
        assertEquals("service.removed", back.get("method"));
        Map<?, ?> p = (Map<?, ?>) back.get("params");
        assertEquals("sub-1", p.get("subscription"));
        assertEquals(7L, ((Number) p.get("seq")).longValue());
    }

    @Test
    void aForgottenProjectAndOneWithAProblemReadAsSuch() {
        assertEquals(List.of("#9 project shop forgotten"),
                EventFormat.readable("project.removed", json("{\"seq\":9,\"name\":\"shop\"}"), ZoneOffset.UTC));
        assertEquals(List.of("#8 project shop: its file /x/tend.yaml is gone"), EventFormat.readable("project.changed",
                json("{\"seq\":8,\"project\":{\"name\":\"shop\",\"services\":[],\"problem\":\"its file /x/tend.yaml is gone\"}}"),
                ZoneOffset.UTC));
    }

    @Test
    void readableServiceLineShowsStatePidExitAndReason() {
        Map<String, Object> params = json("""
                {"subscription":"sub-1","seq":12,"service":{"project":"demo","name":"web","state":"crashed","pid":0,
                 "restarts":2,"exitCode":3,"signal":null,"reason":"restarting in 4s"}}""");
        assertEquals(List.of("#12 demo/web crashed exit 3 restarts 2 (restarting in 4s)"),
                EventFormat.readable("service.changed", params, ZoneOffset.UTC));
    }

    @Test
    void aLaterStateDoesNotRepeatTheLastRunsSignal() {
        Map<String, Object> params = json("""
                {"subscription":"sub-1","seq":15,"service":{"project":"shop","name":"idle","state":"starting","pid":0,
                 "restarts":0,"exitCode":null,"signal":"SIGTERM","reason":null}}""");
        assertEquals(List.of("#15 shop/idle starting"), EventFormat.readable("service.changed", params, ZoneOffset.UTC));
    }

    @Test
    void aRunningStateDoesNotRepeatTheLastRunsExitCode() {
        Map<String, Object> params = json("""
                {"subscription":"sub-1","seq":16,"service":{"project":"shop","name":"api","state":"running","pid":41,
                 "restarts":1,"exitCode":3,"signal":null,"reason":null}}""");
        assertEquals(List.of("#16 shop/api running pid 41 restarts 1"),
                EventFormat.readable("service.changed", params, ZoneOffset.UTC));
    }

    @Test
    void stoppedAndFailedSayHowTheRunEnded() {
        Map<String, Object> stopped = json("""
                {"subscription":"sub-1","seq":14,"service":{"project":"shop","name":"idle","state":"stopped","pid":0,
                 "restarts":0,"exitCode":null,"signal":"SIGTERM","reason":null}}""");
        assertEquals(List.of("#14 shop/idle stopped by SIGTERM"), EventFormat.readable("service.changed", stopped, ZoneOffset.UTC));
        Map<String, Object> failed = json("""
                {"subscription":"sub-1","seq":20,"service":{"project":"shop","name":"api","state":"failed","pid":0,
                 "restarts":2,"exitCode":1,"signal":null,"reason":"gave up"}}""");
        assertEquals(List.of("#20 shop/api failed exit 1 restarts 2 (gave up)"),
                EventFormat.readable("service.changed", failed, ZoneOffset.UTC));
    }

    @Test
    void readableUsageIsOneLineForAllServicesOfTheSample() {
        Map<String, Object> params = json("""
                {"subscription":"sub-1","services":[{"project":"demo","name":"web","cpuPercent":12.5,"rssBytes":10485760},
                 {"project":"demo","name":"db","cpuPercent":0.0,"rssBytes":2048}]}""");
        assertEquals(List.of("usage demo/web cpu 12.5% mem " + PsTable.bytes(10485760) + ", demo/db cpu 0.0% mem "
                        + PsTable.bytes(2048)),
                EventFormat.readable("service.usage", params, ZoneOffset.UTC));
    }

    @Test
    void readableLogEventGivesOneLinePerLogLine() {
        Map<String, Object> params = json("""
                {"subscription":"sub-1","project":"demo","service":"web","next":"x","lines":[
                 {"project":"demo","service":"web","time":"2026-01-02T03:04:05.678Z","stream":"out","text":"hello"},
                 {"project":"demo","service":"web","time":"2026-01-02T03:04:05.679Z","stream":"err","text":"oops"}]}""");
        assertEquals(List.of("03:04:05.678 demo/web | hello", "03:04:05.679 demo/web ! oops"),
                EventFormat.readable("log.appended", params, ZoneOffset.UTC));
    }

    @Test
    void readableJobRemovedNamesTheJob() {
        Map<String, Object> params = json("{\"subscription\":\"sub-1\",\"seq\":31,\"project\":\"adhoc\",\"name\":\"backup\"}");
        assertEquals(List.of("#31 job adhoc/backup removed"), EventFormat.readable("job.removed", params, ZoneOffset.UTC));
    }

    @Test
    void readableStoppingAndLagged() {
        assertEquals(List.of("#99 daemon stopping: SIGTERM"),
                EventFormat.readable("daemon.stopping", Map.of("seq", 99, "reason", "SIGTERM"), ZoneOffset.UTC));
        assertEquals(List.of("fell behind: 40 events missed"),
                EventFormat.readable("events.lagged", Map.of("missed", 40), ZoneOffset.UTC));
    }
}
