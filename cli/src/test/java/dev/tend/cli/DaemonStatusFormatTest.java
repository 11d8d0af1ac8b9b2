package dev.tend.cli;

import dev.tend.protocol.json.Json;
import dev.tend.protocol.json.JsonObjects;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DaemonStatusFormatTest {

    @Test
    void formatsEveryField() {
        String text = DaemonStatusFormat.format(JsonObjects.object(Json.parse("{\"version\":\"0.1.0\",\"pid\":123,"
                + "\"instance\":\"default\",\"uptimeMillis\":3723000,\"socket\":\"/run/tend/default.sock\","
                + "\"transport\":\"epoll\",\"stateDir\":\"/home/u/.local/state/tend/default\",\"connections\":2,"
                + "\"services\":{\"running\":3,\"total\":5,\"projects\":2}}")));
        assertEquals(""
                + "tend daemon 0.1.0 is running\n"
                + "  pid        123\n"
                + "  instance   default\n"
                + "  uptime     1h2m\n"
                + "  socket     /run/tend/default.sock (epoll)\n"
                + "  state dir  /home/u/.local/state/tend/default\n"
                + "  peers      2\n"
                + "  services   3 running of 5 in 2 projects\n", text);
    }

    @Test
    void shortenedSocketIsExplained() {
        String text = DaemonStatusFormat.format(JsonObjects.object(Json.parse(
                "{\"version\":\"0.1.0\",\"socket\":\"/tmp/tend-1/ab.sock\",\"transport\":\"nio\",\"socketShortened\":true}")));
        assertTrue(text.contains("  socket     /tmp/tend-1/ab.sock (nio); a short hashed name: the natural path is over"), text);
    }

    @Test
    void withoutServicesThereIsNoServicesRow() {
        String text = DaemonStatusFormat.format(JsonObjects.object(Json.parse("{\"version\":\"0.1.0\"}")));
        assertTrue(text.startsWith("tend daemon 0.1.0 is running\n"), text);
        assertTrue(text.contains("  uptime     0s\n"), text);
        assertTrue(!text.contains("services"), text);
    }

    @Test
    void saysWhoStartedTheDaemonAndWhereTheLoginServiceStands() {
        String text = DaemonStatusFormat.format(JsonObjects.object(Json.parse(
                "{\"version\":\"0.1.0\",\"startedBy\":\"systemd\"}")), "enabled (/home/u/.config/systemd/user/tend.service)");
        assertTrue(text.contains("  started by the login service (systemd)\n"), text);
        assertTrue(text.contains("  login      enabled (/home/u/.config/systemd/user/tend.service)\n"), text);
        String client = DaemonStatusFormat.format(JsonObjects.object(Json.parse(
                "{\"version\":\"0.1.0\",\"startedBy\":\"client\"}")));
        assertTrue(client.contains("  started by a client (auto-start) or `tend daemon run`\n"), client);
        assertFalse(client.contains("login"), client);
    }
}
