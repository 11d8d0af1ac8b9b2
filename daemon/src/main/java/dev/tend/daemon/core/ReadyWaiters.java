package dev.tend.daemon.core;

import dev.tend.daemon.core.SerialState.Tx;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The {@code up} calls that wait for their services to be READY (a task: to complete with exit code 0). Every method is called under the supervisor's
 * lock; the futures complete after it is released.
 */
final class ReadyWaiters {

    /** An {@code up} that waits for its services to be READY. */
    private static final class Waiter {
        final Set<Service> pending;
        /** Every service of the up, ready or not: a crash of any of them during the wait fails it. */
        final Set<Service> watched;
        final CompletableFuture<Void> future = new CompletableFuture<>();

        Waiter(Set<Service> pending, Set<Service> watched) {
            this.pending = pending;
            this.watched = watched;
        }
    }

    private final List<Waiter> waiters = new ArrayList<>();

    /** Completes when every one of the services is READY; fails as soon as one of them is down for good. */
    CompletableFuture<Void> waitFor(List<Service> services, Tx<Service> tx) {
        Set<Service> pending = new LinkedHashSet<>();
        for (Service s : services) {
            if (!s.upDone()) {
                pending.add(s);
            }
        }
        if (pending.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        Waiter w = new Waiter(pending, new HashSet<>(services));
        waiters.add(w);
        tx.touchAll(pending);
        return w.future;
    }

    /** Settles the {@code up} futures on the states of the services the locked section touched. */
    void check(Tx<Service> tx) {
        if (waiters.isEmpty() || tx.touched().isEmpty()) {
            return;
        }
        for (var it = waiters.iterator(); it.hasNext(); ) {
            Waiter w = it.next();
            String failure = null;
            for (Service s : tx.touched()) {
                if (!w.pending.contains(s)) {
                    continue;
                }
                if (s.upDone()) {
                    w.pending.remove(s);
                } else if (givenUp(s)) {
                    failure = "service " + s.ref() + " is " + s.state.wireName() + (s.reason != null ? ": " + s.reason : "");
                    break;
                }
            }
            if (failure != null) {
                String why = failure;
                tx.after(() -> w.future.completeExceptionally(SupervisorException.failed(why)));
                it.remove();
            } else if (w.pending.isEmpty()) {
                tx.after(() -> w.future.complete(null));
                it.remove();
            }
        }
    }

    /** A service of an {@code up} ended on its own: the up fails, even if the service is restarted. */
    void fail(Service svc, String why, Tx<Service> tx) {
        for (var it = waiters.iterator(); it.hasNext(); ) {
            Waiter w = it.next();
            if (w.watched.contains(svc)) {
                tx.after(() -> w.future.completeExceptionally(SupervisorException.failed(why)));
                it.remove();
            }
        }
    }

    /** The daemon shuts down: no up waits any more. */
    void shutDown(Tx<Service> tx) {
        for (Waiter w : List.copyOf(waiters)) {
            tx.after(() -> w.future.completeExceptionally(
                    new SupervisorException(SupervisorException.Kind.SHUTTING_DOWN, "the daemon is shutting down")));
        }
        waiters.clear();
    }

    private static boolean givenUp(Service s) {
        return s.forgotten || s.state == ServiceState.FAILED || s.state == ServiceState.EXITED
                || s.state == ServiceState.CRASHED || s.state == ServiceState.COMPLETED || (s.state == ServiceState.STOPPED && !s.desired);
    }
}
