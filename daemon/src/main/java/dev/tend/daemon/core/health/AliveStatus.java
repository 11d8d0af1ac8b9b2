package dev.tend.daemon.core.health;

/**
 * How a running service's liveness checks stand, as peers see it.
 *
 * @param failures  failed checks in a row now (0: healthy)
 * @param allowed   how many in a row restart it (`failures:`)
 * @param lastError why the last check failed, or null
 */
public record AliveStatus(int failures, int allowed, String lastError) {

    /** "unhealthy 2/3: HTTP 503", or null while healthy. */
    public String describe() {
        if (failures == 0) {
            return null;
        }
        return "unhealthy " + failures + "/" + allowed + (lastError == null ? "" : ": " + lastError);
    }
}
