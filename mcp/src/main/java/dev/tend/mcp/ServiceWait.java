package dev.tend.mcp;

import dev.tend.client.RpcClient;
import dev.tend.protocol.Methods;
import dev.tend.protocol.json.JsonObjects;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * wait_for_service: subscribes to the service's events on a connection of its own and answers at the first state
 * that settles the question (ready, failed, exited, completed, or stopped for good), or when the timeout closes that
 * connection. No polling: the daemon says every change.
 */
final class ServiceWait extends ToolGroup {
    ServiceWait(Context context) {
        super(context);
    }

    @Override
    void register(ToolSet tools) {
        tools.reading("wait_for_service", "Wait until a service is ready",
                "Waits until a service is ready (running and passing its readiness check) or has settled "
                        + "otherwise: failed (tend gave up restarting it), exited, completed (a task that ran to its "
                        + "end), or stopped. It keeps waiting through crashes and restarts, until the timeout. "
                        + "Returns JSON {outcome: ready | failed | exited | completed | stopped | timeout, crashes (seen during the wait), service (as list_services "
                        + "shows it)}. Call it after start_service, restart_service or up_project.",
                ServiceTools.serviceSchema().integer("timeout_seconds",
                        "How long to wait at most (default 60).", 1, 600),
                this::await);
    }

    private Object await(Args a) {
        Map<String, Object> ref = targets.ref(a, "service");
        int timeout = a.integer("timeout_seconds", 60, 1, 600);
        // service.history resolves the name exactly as every other call does (and fails the same way)
        Map<String, Object> probe = new LinkedHashMap<>(ref);
        probe.put("limit", 1);
        Map<String, Object> h = link.call(Methods.SERVICE_HISTORY, probe);
        String qualified = h.get("project") + "/" + h.get("service");

        Map<String, Object> last = null;
        int crashes = 0;
        TimedConnection connection = timed(timeout);
        try (connection) {
            RpcClient client = connection.client();
            Map<String, Object> sub = JsonObjects.object(DaemonLink.call(client, Methods.EVENTS_SUBSCRIBE, Map.of(
                    "topics", List.of("service", "daemon"), "filter", Map.of("services", List.of(qualified)))));
            for (Object o : JsonObjects.array(JsonObjects.object(sub.get("snapshot")).get("services"))) {
                last = JsonObjects.object(o);
            }
            if (last == null) {
                throw new ToolError("no service '" + qualified + "' (it was removed)");
            }
            String outcome = outcome(last);
            while (outcome == null) {
                Map<String, Object> n = client.nextNotification();
                String method = JsonObjects.string(n, "method");
                Map<String, Object> params = JsonObjects.object(n.get("params"));
                if (Methods.SERVICE_CHANGED.equals(method)) {
                    last = JsonObjects.object(params.get("service"));
                    if ("crashed".equals(last.get("state"))) {
                        crashes++;
                    }
                    outcome = outcome(last);
                } else if (Methods.SERVICE_REMOVED.equals(method)) {
                    throw new ToolError("service '" + qualified + "' was removed during the wait");
                } else if (Methods.DAEMON_STOPPING.equals(method)) {
                    throw new ToolError("the tend daemon is stopping (" + params.get("reason") + ")");
                } else if (Methods.EVENTS_LAGGED.equals(method)) {
                    throw new ToolError("fell behind the daemon's events; call wait_for_service again");
                }
            }
            return answer(outcome, crashes, last);
        } catch (IOException e) {
            if (connection.timedOut()) {
                return answer("timeout", crashes, last);
            }
            throw new ToolError("lost the connection to the tend daemon during the wait (" + e.getMessage() + ")");
        } catch (ToolError e) {
            if (connection.timedOut() && last != null) {
                return answer("timeout", crashes, last);
            }
            throw e;
        }
    }

    /** The outcome a state settles, or null to wait on. */
    static String outcome(Map<String, Object> view) {
        String state = JsonObjects.string(view, "state");
        return switch (state == null ? "" : state) {
            case "ready" -> "ready";
            case "failed" -> "failed";
            case "exited" -> "exited";
            case "completed" -> "completed"; // a task (restart: no) that ended by itself: nothing more will come
            case "stopped" -> "stopped".equals(view.get("desired")) ? "stopped" : null;
            default -> null;
        };
    }

    private Map<String, Object> answer(String outcome, int crashes, Map<String, Object> view) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("outcome", outcome);
        out.put("crashes", crashes);
        out.put("service", view == null ? null : views.service(view));
        return out;
    }
}
