package dev.tend.daemon.export;

import dev.tend.daemon.core.JobSpec;

import java.lang.reflect.RecordComponent;
import java.time.Duration;

/**
 * A job's `timeout` and `catch_up`, read by record component name: the jobs work adds them to
 * {@link JobSpec} on another branch, and reading them this way keeps the exporter correct both before and
 * after that lands. Replace with plain accessor calls once JobSpec has them everywhere.
 */
final class JobFields {
    private JobFields() {
    }

    static boolean catchUp(JobSpec job) {
        return component(job, "catchUp") instanceof Boolean b && b;
    }

    static Duration timeout(JobSpec job) {
        return component(job, "timeout") instanceof Duration d ? d : null;
    }

    private static Object component(JobSpec job, String name) {
        for (RecordComponent c : JobSpec.class.getRecordComponents()) {
            if (c.getName().equals(name)) {
                try {
                    return c.getAccessor().invoke(job);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot read JobSpec." + name, e);
                }
            }
        }
        return null;
    }
}
