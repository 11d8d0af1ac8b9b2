package dev.tend.daemon.rpc;

import dev.tend.daemon.core.ServiceSnapshot;
import dev.tend.daemon.core.events.EventBus;
import dev.tend.daemon.core.events.EventFilter;
import dev.tend.daemon.core.events.LogTailer;
import dev.tend.daemon.core.events.Snapshot;
import dev.tend.daemon.core.events.Topic;
import dev.tend.protocol.ErrorCode;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** events.subscribe / events.unsubscribe: the connection that calls becomes a subscriber of the bus. */
final class EventMethods {
    private final EventBus bus;
    private final LogTailer tailer;
    private final EventNotifications notifications;

    EventMethods(EventBus bus, LogTailer tailer, EventNotifications notifications) {
        this.bus = bus;
        this.tailer = tailer;
        this.notifications = notifications;
    }

    Map<String, Object> subscribe(List<String> topicWords, Map<String, Object> filterParam) {
        Peer peer = RpcContext.current(Peer.class);
        Set<Topic> topics = topics(topicWords);
        EventFilter filter = filter(filterParam);
        PeerSink sink = new PeerSink(peer, notifications);
        EventBus.Subscribed subscribed = bus.subscribe(peer, topics, filter, sink);
        var sub = subscribed.subscription();
        peer.onWritable(sub::wake);
        peer.onClose(sub::cancel);
        if (topics.contains(Topic.LOG)) {
            for (ServiceSnapshot s : bus.services(filter)) {
                tailer.watch(s.project(), s.name());
            }
            for (String ref : filter.services()) {
                int slash = ref.indexOf('/');
                tailer.watch(ref.substring(0, slash), ref.substring(slash + 1));
            }
        }
        RpcContext.afterResponse(sub::start);
        Snapshot snap = subscribed.snapshot();
        Map<String, Object> snapshot = new LinkedHashMap<>();
        snapshot.put("projects", snap.projects().stream().map(Views::project).toList());
        snapshot.put("services", Views.services(snap.services()));
        snapshot.put("jobs", snap.jobs().stream().map(notifications::job).toList());
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("subscription", sub.id());
        result.put("seq", snap.seq());
        result.put("snapshot", snapshot);
        return result;
    }

    Map<String, Object> unsubscribe(String id) {
        Peer peer = RpcContext.current(Peer.class);
        if (!bus.unsubscribe(peer, id)) {
            throw new RpcException(ErrorCode.NOT_FOUND, "no subscription '" + id + "' on this connection");
        }
        return Map.of("unsubscribed", true);
    }

    long seq() {
        return bus.seq();
    }

    private static Set<Topic> topics(List<String> words) {
        if (words == null || words.isEmpty()) {
            return Topic.defaults();
        }
        Set<Topic> topics = EnumSet.noneOf(Topic.class);
        for (String w : words) {
            try {
                topics.add(Topic.parse(w));
            } catch (IllegalArgumentException e) {
                throw new RpcException(ErrorCode.INVALID_PARAMS, "topics: " + e.getMessage());
            }
        }
        return topics;
    }

    private static EventFilter filter(Map<String, Object> param) {
        if (param == null) {
            return EventFilter.NONE;
        }
        String project = null;
        Set<String> services = new LinkedHashSet<>();
        for (Map.Entry<String, Object> e : param.entrySet()) {
            switch (e.getKey()) {
                case "project" -> {
                    if (!(e.getValue() instanceof String s) || s.isEmpty()) {
                        throw new RpcException(ErrorCode.INVALID_PARAMS, "filter.project must be a project name");
                    }
                    project = s;
                }
                case "services" -> {
                    if (!(e.getValue() instanceof List<?> list)) {
                        throw new RpcException(ErrorCode.INVALID_PARAMS, "filter.services must be a list of \"project/service\"");
                    }
                    for (Object o : list) {
                        services.add(serviceRef(o));
                    }
                }
                default -> throw new RpcException(ErrorCode.INVALID_PARAMS,
                        "unknown filter key '" + e.getKey() + "': use project or services");
            }
        }
        if (project != null) {
            String p = project;
            List<String> elsewhere = new ArrayList<>(services.stream().filter(s -> !s.startsWith(p + "/")).toList());
            if (!elsewhere.isEmpty()) {
                throw new RpcException(ErrorCode.INVALID_PARAMS, "filter.services " + elsewhere
                        + " are not in filter.project '" + p + "': nothing would match them");
            }
        }
        return new EventFilter(project, services);
    }

    private static String serviceRef(Object o) {
        if (o instanceof String s) {
            int slash = s.indexOf('/');
            if (slash > 0 && slash < s.length() - 1 && s.indexOf('/', slash + 1) < 0) {
                return s;
            }
        }
        throw new RpcException(ErrorCode.INVALID_PARAMS, "filter.services: '" + o + "' is not \"project/service\"");
    }
}
