package dev.tend.cli;

import dev.tend.client.RpcClient;
import dev.tend.protocol.Methods;
import dev.tend.protocol.json.JsonObjects;

import java.io.EOFException;
import java.io.PrintWriter;
import java.util.Map;

/**
 * One subscription on a long-lived connection: reads its notifications until the daemon stops, subscribing again
 * after events.lagged. Ends only by throwing: exit 4 when the daemon stops or goes away (Ctrl-C ends the JVM: 130).
 */
final class Subscriber {

    interface Handler {
        /** After each (re)subscription, with its result ({subscription, seq, snapshot}). */
        void subscribed(Map<String, Object> result) throws Exception;

        /** Every notification of the current subscription, daemon.stopping and events.lagged included. */
        void event(String method, Map<String, Object> params) throws Exception;
    }

    private Subscriber() {
    }

    static void run(RpcClient client, Map<String, Object> subscribeParams, Handler handler, PrintWriter err) throws Exception {
        String id = subscribe(client, subscribeParams, handler);
        while (true) {
            Map<String, Object> n;
            try {
                n = client.nextNotification();
            } catch (EOFException e) {
                throw new CliException(ExitCode.DAEMON_UNAVAILABLE, "the daemon closed the connection (see `tend daemon logs`)");
            }
            String method = JsonObjects.string(n, "method");
            Map<String, Object> params = n.get("params") instanceof Map<?, ?> ? JsonObjects.object(n.get("params")) : Map.of();
            if (!id.equals(params.get("subscription"))) {
                continue; // an old subscription's stragglers
            }
            handler.event(method, params);
            if (Methods.DAEMON_STOPPING.equals(method)) {
                Object reason = params.get("reason");
                throw new CliException(ExitCode.DAEMON_UNAVAILABLE, "the daemon is stopping"
                        + (reason != null ? " (" + reason + ")" : ""));
            }
            if (Methods.EVENTS_LAGGED.equals(method)) {
                err.println("tend: fell " + params.get("missed") + " events behind the daemon; subscribing again");
                err.flush();
                id = subscribe(client, subscribeParams, handler);
            }
        }
    }

    private static String subscribe(RpcClient client, Map<String, Object> params, Handler handler) throws Exception {
        Map<String, Object> result = JsonObjects.object(client.call(Methods.EVENTS_SUBSCRIBE, params));
        handler.subscribed(result);
        return JsonObjects.string(result, "subscription");
    }
}
