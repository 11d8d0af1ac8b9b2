package dev.tend.daemon.core.jobs;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Where each run's log lives, logs/&lt;project&gt;/jobs/&lt;job&gt;/&lt;run id&gt;.log, and how old ones go. */
final class RunLogs {

    private static final Pattern RUN_FILE = Pattern.compile("(\\d+)\\.log(\\.\\d+)?");

    private final Path logsDir;

    RunLogs(Path logsDir) {
        this.logsDir = logsDir;
    }

    Path dir(String project, String job) {
        return logsDir.resolve(project).resolve("jobs").resolve(job);
    }

    Path file(String project, String job, long runId) {
        return dir(project, job).resolve(runId + ".log");
    }

    /** Deletes the files (and rotations) of all but the newest keep runs. */
    void prune(String project, String job, int keep) throws IOException {
        Path dir = dir(project, job);
        if (!Files.isDirectory(dir)) {
            return;
        }
        record RunFile(long id, Path path) {
        }
        List<RunFile> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                Matcher m = RUN_FILE.matcher(p.getFileName().toString());
                if (m.matches()) {
                    files.add(new RunFile(Long.parseLong(m.group(1)), p));
                }
            }
        }
        List<Long> ids = files.stream().map(RunFile::id).distinct().sorted(Comparator.reverseOrder()).toList();
        if (ids.size() <= keep) {
            return;
        }
        long oldestKept = ids.get(keep - 1);
        for (RunFile f : files) {
            if (f.id() < oldestKept) {
                Files.deleteIfExists(f.path());
            }
        }
    }
}
