package dev.tend.protocol;

/** Method and notification names on the wire (docs/protocol.md). */
public final class Methods {
    private Methods() {
    }

    /** Bumped when a method changes incompatibly; clients and daemon compare it in daemon.hello. */
    public static final int PROTOCOL_VERSION = 1;

    public static final String DAEMON_HELLO = "daemon.hello";
    public static final String DAEMON_STATUS = "daemon.status";
    public static final String DAEMON_SHUTDOWN = "daemon.shutdown";
    public static final String DAEMON_RELOAD = "daemon.reload";

    public static final String PROJECT_UP = "project.up";
    public static final String PROJECT_DOWN = "project.down";
    public static final String PROJECT_LIST = "project.list";
    public static final String PROJECT_RELOAD = "project.reload";
    public static final String PROJECT_FORGET = "project.forget";

    public static final String SERVICE_LIST = "service.list";
    public static final String SERVICE_START = "service.start";
    public static final String SERVICE_STOP = "service.stop";
    public static final String SERVICE_RESTART = "service.restart";
    public static final String SERVICE_SIGNAL = "service.signal";
    public static final String SERVICE_SCALE = "service.scale";
    public static final String SERVICE_RUN = "service.run";
    public static final String SERVICE_REMOVE = "service.remove";
    public static final String SERVICE_HISTORY = "service.history";

    public static final String JOB_LIST = "job.list";
    public static final String JOB_ADD = "job.add";
    public static final String JOB_REMOVE = "job.remove";
    public static final String JOB_RUN = "job.run";
    public static final String JOB_PAUSE = "job.pause";
    public static final String JOB_RESUME = "job.resume";
    public static final String JOB_HISTORY = "job.history";
    public static final String JOB_LOGS = "job.logs";

    public static final String PROJECT_EXPORT = "project.export";
    public static final String PROJECT_CONFIG = "project.config";

    public static final String LOGS_READ = "logs.read";

    public static final String EVENTS_SUBSCRIBE = "events.subscribe";
    public static final String EVENTS_UNSUBSCRIBE = "events.unsubscribe";

    // Notifications of a subscription (docs/protocol.md, Live events).
    public static final String SERVICE_CHANGED = "service.changed";
    public static final String SERVICE_REMOVED = "service.removed";
    public static final String PROJECT_CHANGED = "project.changed";
    public static final String PROJECT_REMOVED = "project.removed";
    public static final String JOB_CHANGED = "job.changed";
    public static final String JOB_REMOVED = "job.removed";
    public static final String LOG_APPENDED = "log.appended";
    public static final String EVENTS_LAGGED = "events.lagged";
    public static final String DAEMON_STOPPING = "daemon.stopping";
    /** CPU and memory of running services, every few seconds, to subscribers of the "usage" topic. */
    public static final String SERVICE_USAGE = "service.usage";
}
