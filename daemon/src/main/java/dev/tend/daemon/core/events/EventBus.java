package dev.tend.daemon.core.events;

import dev.tend.daemon.core.DaemonThreads;
import dev.tend.daemon.core.ProjectInfo;
import dev.tend.daemon.core.ServiceSnapshot;
import dev.tend.daemon.core.ServiceUsage;
import dev.tend.daemon.core.jobs.JobSnapshot;
import dev.tend.daemon.core.logs.LogLine;
import dev.tend.daemon.core.logs.LogPosition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The daemon's live state as a stream: every change gets the next daemon-wide seq and goes to each subscriber that
 * wants it, in seq order. The bus keeps its own copy of the state those events describe, so a subscriber's snapshot
 * and the seq it is valid at are taken under the same lock that publishing holds: nothing falls between them.
 *
 * <p>Publishers (the supervisor's event thread, the job scheduler) never wait on a subscriber: each has a bounded
 * queue and is cancelled with {@link Event.Lagged} when it overflows. Delivery runs on the bus's own threads.
 */
public final class EventBus implements AutoCloseable {
    private final BusLimits limits;
    private final ExecutorService delivery;

    private final Object lock = new Object();
    private long seq;
    private long nextId;
    private final Map<String, ProjectInfo> projects = new LinkedHashMap<>();
    private final Map<String, ServiceSnapshot> services = new LinkedHashMap<>();
    private final Map<String, JobSnapshot> jobs = new LinkedHashMap<>();
    private final Map<String, Subscription> subscriptions = new LinkedHashMap<>();
    private volatile Runnable usageDemand = () -> { };

    public EventBus(BusLimits limits) {
        this(limits, Executors.newFixedThreadPool(2, DaemonThreads.named("tend-deliver")));
    }

    /** @param delivery runs subscriptions' deliveries; the bus shuts it down on {@link #close()} */
    public EventBus(BusLimits limits, ExecutorService delivery) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.delivery = Objects.requireNonNull(delivery, "delivery");
    }

    /** A subscription (paused: call {@link Subscription#start()}) and the state it starts from. */
    public record Subscribed(Subscription subscription, Snapshot snapshot) {
    }

    /**
     * Registers a subscriber and returns the snapshot its filter selects, atomically with respect to every publish.
     *
     * @param owner who may {@link #unsubscribe} it
     */
    public Subscribed subscribe(Object owner, Set<Topic> topics, EventFilter filter, EventSink sink) {
        Subscribed subscribed = subscribeLocked(owner, topics, filter, sink);
        usageDemand.run();
        return subscribed;
    }

    private Subscribed subscribeLocked(Object owner, Set<Topic> topics, EventFilter filter, EventSink sink) {
        synchronized (lock) {
            String id = "sub-" + ++nextId;
            Subscription sub = new Subscription(id, owner, topics, filter, sink, limits, delivery, () -> forget(id));
            subscriptions.put(id, sub);
            List<ProjectInfo> ps = projects.values().stream().filter(p -> filter.project(p.name())).toList();
            List<ServiceSnapshot> ss = services.values().stream().filter(s -> filter.service(s.project(), s.name())).toList();
            List<JobSnapshot> js = new ArrayList<>();
            jobs.forEach((key, job) -> {
                if (filter.job(key.substring(0, key.indexOf('/')))) {
                    js.add(job);
                }
            });
            return new Subscribed(sub, new Snapshot(seq, ps, ss, js));
        }
    }

    /** Ends the owner's subscription; false if it has none by that id. */
    public boolean unsubscribe(Object owner, String id) {
        Subscription sub;
        synchronized (lock) {
            sub = subscriptions.get(id);
            if (sub == null || sub.owner() != owner) {
                return false;
            }
        }
        sub.cancel();
        return true;
    }

    private void forget(String id) {
        synchronized (lock) {
            subscriptions.remove(id);
        }
        usageDemand.run();
    }

    public int subscriberCount() {
        synchronized (lock) {
            return subscriptions.size();
        }
    }

    /** The seq of the last state event. */
    public long seq() {
        synchronized (lock) {
            return seq;
        }
    }

    /** Whether some subscriber wants this service's log lines (so they are worth reading back). */
    public boolean wantsLogs(String project, String service) {
        synchronized (lock) {
            for (Subscription s : subscriptions.values()) {
                if (s.topics().contains(Topic.LOG) && s.filter().service(project, service)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The services known now that a subscriber with this filter would hear of. */
    public List<ServiceSnapshot> services(EventFilter filter) {
        synchronized (lock) {
            return services.values().stream().filter(s -> filter.service(s.project(), s.name())).toList();
        }
    }

    /** Sets the state the first events apply to (at start-up, before anyone subscribes); assigns no seq. */
    public void seed(List<ProjectInfo> projectList, List<ServiceSnapshot> serviceList) {
        synchronized (lock) {
            projectList.forEach(p -> projects.put(p.name(), p));
            serviceList.forEach(s -> services.put(key(s.project(), s.name()), s));
        }
    }

    // ------------------------------------------------------------------ publishing

    public void serviceChanged(ServiceSnapshot s) {
        synchronized (lock) {
            services.put(key(s.project(), s.name()), s);
            publish(new Event.ServiceChanged(++seq, s), Topic.SERVICE, f -> f.service(s.project(), s.name()));
        }
        usageDemand.run();
    }

    public void serviceRemoved(String project, String name) {
        synchronized (lock) {
            services.remove(key(project, name));
            publish(new Event.ServiceRemoved(++seq, project, name), Topic.SERVICE, f -> f.service(project, name));
        }
        usageDemand.run();
    }

    public void projectChanged(ProjectInfo p) {
        synchronized (lock) {
            projects.put(p.name(), p);
            publish(new Event.ProjectChanged(++seq, p), Topic.SERVICE, f -> f.project(p.name()));
        }
    }

    public void projectRemoved(String name) {
        synchronized (lock) {
            projects.remove(name);
            publish(new Event.ProjectRemoved(++seq, name), Topic.SERVICE, f -> f.project(name));
        }
    }

    /**
     * The hook for the job scheduler: a job was added or changed state.
     *
     * @param job the scheduler's immutable view of the job; it appears in snapshots and job.changed as given
     */
    public void jobChanged(JobSnapshot job) {
        Objects.requireNonNull(job, "job");
        String project = job.project();
        synchronized (lock) {
            jobs.put(key(project, job.name()), job);
            publish(new Event.JobChanged(++seq, job), Topic.JOB, f -> f.job(project));
        }
    }

    /** The hook for the job scheduler: a job no longer exists (removed, dropped by a reload, or its project went). */
    public void jobRemoved(String project, String name) {
        synchronized (lock) {
            jobs.remove(key(project, name));
            publish(new Event.JobRemoved(++seq, project, name), Topic.JOB, f -> f.job(project));
        }
    }

    public void logAppended(String project, String service, List<LogLine> lines, LogPosition next) {
        synchronized (lock) {
            publish(new Event.LogAppended(project, service, lines, next), Topic.LOG, f -> f.service(project, service));
        }
    }

    /** Tells every subscriber, whatever its topics, that the daemon is going away. */
    public void daemonStopping(String reason) {
        synchronized (lock) {
            publish(new Event.DaemonStopping(++seq, reason), null, f -> true);
        }
    }

    // ------------------------------------------------------------------ usage samples

    /**
     * Called (outside the bus's lock, on the thread that made the change) whenever {@link #wantsUsage()} may have
     * changed: a subscription came or went, a service started or stopped. It must not block.
     */
    public void onUsageDemand(Runnable listener) {
        usageDemand = Objects.requireNonNull(listener, "listener");
    }

    /** Whether some subscriber of the usage topic would hear of a running service: only then is sampling worth it. */
    public boolean wantsUsage() {
        synchronized (lock) {
            for (Subscription sub : subscriptions.values()) {
                if (sub.topics().contains(Topic.USAGE)
                        && services.values().stream().anyMatch(s -> s.pid() > 0 && sub.filter().service(s.project(), s.name()))) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * A sample of running services: it becomes their usage in later snapshots, and each usage subscriber gets the
     * services its filter selects as one service.usage, without a seq. A sample of a run the bus already saw end
     * (another pid, or none) is dropped, so no subscriber sees usage after the event that stopped the service.
     */
    public void usageSampled(List<ServiceUsage> sample) {
        synchronized (lock) {
            List<ServiceUsage> current = new ArrayList<>(sample.size());
            for (ServiceUsage u : sample) {
                String key = key(u.project(), u.name());
                ServiceSnapshot s = services.get(key);
                if (s != null && s.pid() > 0 && s.pid() == u.pid()) {
                    services.put(key, s.withUsage(u.cpuPercent(), u.rssBytes()));
                    current.add(u);
                }
            }
            List<String> lagged = new ArrayList<>();
            for (Subscription sub : subscriptions.values()) {
                if (!sub.topics().contains(Topic.USAGE)) {
                    continue;
                }
                List<ServiceUsage> mine =
                        current.stream().filter(u -> sub.filter().service(u.project(), u.name())).toList();
                if (!mine.isEmpty() && !sub.offer(new Event.ServiceUsage(mine))) {
                    lagged.add(sub.id());
                }
            }
            lagged.forEach(subscriptions::remove);
        }
    }

    private void publish(Event event, Topic topic, java.util.function.Predicate<EventFilter> wants) {
        List<String> lagged = null;
        for (Subscription s : subscriptions.values()) {
            if ((topic == null || s.topics().contains(topic)) && wants.test(s.filter()) && !s.offer(event)) {
                if (lagged == null) {
                    lagged = new ArrayList<>();
                }
                lagged.add(s.id());
            }
        }
        if (lagged != null) {
            lagged.forEach(subscriptions::remove);
        }
    }

    // ------------------------------------------------------------------ shutdown

    /**
     * Waits until every subscriber has been handed what is queued for it, or cannot take it (a slow peer), or the
     * time is up. For shutdown: daemon.stopping should reach peers before their connections close.
     */
    public boolean awaitSettled(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<Subscription> all;
            synchronized (lock) {
                all = List.copyOf(subscriptions.values());
            }
            if (all.stream().allMatch(Subscription::settled)) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(5);
        }
    }

    /** Cancels every subscription and stops the delivery threads. */
    @Override
    public void close() {
        List<Subscription> all;
        synchronized (lock) {
            all = List.copyOf(subscriptions.values());
        }
        all.forEach(Subscription::cancel);
        delivery.shutdown();
        try {
            delivery.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String key(String project, String name) {
        return project + "/" + name;
    }
}
