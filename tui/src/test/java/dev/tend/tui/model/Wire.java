package dev.tend.tui.model;

import dev.tend.protocol.json.Json;
import dev.tend.protocol.json.JsonObjects;

import java.util.Map;

/** Wire messages for tests, written as the daemon writes them (JSON text, parsed by the real reader). */
public final class Wire {
    private Wire() {
    }

    public static Map<String, Object> json(String text) {
        return JsonObjects.object(Json.parse(text.replace('\'', '"')));
    }

    public static String service(String project, String name, String state, long pid) {
        return "{'project':'" + project + "','name':'" + name + "','state':'" + state + "','pid':" + (pid == 0 ? "null" : pid)
                + ",'restarts':0,'exitCode':null,'signal':null,'startedAt':'2030-01-01T10:00:00Z',"
                + "'stateSince':'2030-01-01T10:00:00Z','cpuPercent':1.5,'rssBytes':10485760,'port':null,'reason':null,"
                + "'desired':'running'}";
    }

    public static Map<String, Object> snapshot(String subscription, long seq, String... services) {
        return json("{'subscription':'" + subscription + "','seq':" + seq + ",'snapshot':{'projects':["
                + "{'name':'shop','dir':'/src/shop','file':'/src/shop/tend.yaml','services':['api','db']},"
                + "{'name':'blog','dir':'/src/blog','file':null,'services':['web']}],"
                + "'services':[" + String.join(",", services) + "],'jobs':[]}}");
    }

    public static Map<String, Object> changed(String subscription, long seq, String service) {
        return json("{'jsonrpc':'2.0','method':'service.changed','params':{'subscription':'" + subscription
                + "','seq':" + seq + ",'service':" + service + "}}");
    }
}
