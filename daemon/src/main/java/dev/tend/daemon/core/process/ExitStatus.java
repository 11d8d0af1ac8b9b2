package dev.tend.daemon.core.process;

/**
 * How a child ended: an exit code, or the number of the signal that killed it (then code is -1).
 */
public record ExitStatus(int code, int signal) {

    public static ExitStatus exited(int code) {
        return new ExitStatus(code, 0);
    }

    public static ExitStatus killed(int signal) {
        return new ExitStatus(-1, signal);
    }

    public boolean killedBySignal() {
        return signal > 0;
    }

    public boolean success() {
        return signal == 0 && code == 0;
    }

    /** "SIGKILL" for a death by signal ("SIG40" for one without a name here), null for an exit. */
    public String signalName() {
        if (!killedBySignal()) {
            return null;
        }
        Signal s = Signal.ofNumber(signal);
        return s != null ? s.fullName() : "SIG" + signal;
    }

    @Override
    public String toString() {
        if (killedBySignal()) {
            Signal s = Signal.ofNumber(signal);
            return "killed by " + (s != null ? s.fullName() : "signal " + signal);
        }
        return "exit code " + code;
    }
}
