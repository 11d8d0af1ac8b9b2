package dev.tend.daemon.core.process;

import java.util.ArrayList;
import java.util.List;

/** Kill primitives that only write down what would have been sent: refusal tests signal nothing real. */
final class RecordingKill implements KillPrimitives {

    final List<String> sent = new ArrayList<>();

    @Override
    public void kill(Signal signal, List<String> targets) {
        sent.add("kill -s " + signal.name() + " -- " + String.join(" ", targets));
    }

    @Override
    public void destroyForcibly(long pid) {
        sent.add("SIGKILL " + pid);
    }
}
