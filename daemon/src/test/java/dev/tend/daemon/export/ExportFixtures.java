package dev.tend.daemon.export;

import dev.tend.daemon.core.Dependency;
import dev.tend.daemon.core.EnvSources;
import dev.tend.daemon.core.JobSpec;
import dev.tend.daemon.core.probe.ProbeSpec;
import dev.tend.daemon.core.ProjectSpec;
import dev.tend.daemon.core.RestartMode;
import dev.tend.daemon.core.ServiceSpec;
import dev.tend.daemon.core.process.Signal;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A project that uses every setting an export translates, rooted wherever the test needs it. */
final class ExportFixtures {
    static final ZoneId MACHINE = ZoneId.of("UTC");
    /** A value that comes only from an env file. */
    static final String SECRET = "hunter2-from-env-file";

    private ExportFixtures() {
    }

    static ProjectSpec shop(Path dir) {
        Map<String, ServiceSpec> services = new LinkedHashMap<>();
        services.put("db", new ServiceSpec("db", "postgres -D ./data", dir, Map.of(), List.of(),
                new ProbeSpec(ProbeSpec.Kind.TCP, "5432", Duration.ofMillis(250), Duration.ofSeconds(60)),
                RestartMode.ALWAYS, 5, Signal.INT, Duration.ofMillis(1500), false, 0));
        services.put("api", new ServiceSpec("api", "./run-api --greeting \"hi $USER\" 100%", dir.resolve("api"),
                Map.of("LOG_LEVEL", "debug", "QUOTE", "say \"x\"\\y", "DB_PASSWORD", SECRET), List.of(Dependency.ready("db")),
                new ProbeSpec(ProbeSpec.Kind.HTTP, "http://127.0.0.1:8080/health", Duration.ofSeconds(1),
                        Duration.ofSeconds(30)),
                RestartMode.ON_FAILURE, 10, Signal.TERM, Duration.ofSeconds(10), false, 8080));
        services.put("worker", new ServiceSpec("worker", "./worker", dir, Map.of(), List.of(Dependency.ready("api")),
                new ProbeSpec(ProbeSpec.Kind.LOG, "started", Duration.ofMillis(250), Duration.ofSeconds(60)),
                RestartMode.NO, 10, Signal.TERM, Duration.ZERO, true, 0));
        Map<String, JobSpec> jobs = new LinkedHashMap<>();
        jobs.put("backup", new JobSpec("backup", "30 3 * * 1-5", "./backup.sh", dir,
                Map.of("TARGET", "s3", "DB_PASSWORD", SECRET),
                ZoneId.of("Europe/Berlin"), JobSpec.Overlap.SKIP, Duration.ofMinutes(30), true));
        jobs.put("ping", new JobSpec("ping", "@every 10m", "curl -s localhost:8080/ping", dir, Map.of(), MACHINE,
                JobSpec.Overlap.QUEUE));
        jobs.put("report", new JobSpec("report", "0 0 1,15 * FRI", "./report", dir, Map.of(), MACHINE,
                JobSpec.Overlap.SKIP));
        // api and backup got DB_PASSWORD from env files; an export must point at those, never copy them
        Map<String, EnvSources> envSources = Map.of(
                "api", new EnvSources(List.of(dir.resolve(".env"), dir.resolve("api/secrets.env")),
                        Set.of("DB_PASSWORD"), Map.of("LOG_LEVEL", "debug", "QUOTE", "say \"x\"\\y")),
                "backup", new EnvSources(List.of(dir.resolve(".env")), Set.of("DB_PASSWORD"), Map.of("TARGET", "s3")));
        return new ProjectSpec("shop", dir, dir.resolve("tend.yaml"), services, jobs, envSources);
    }
}
