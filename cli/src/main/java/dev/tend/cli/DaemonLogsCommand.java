package dev.tend.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

@Command(name = "logs", description = "Print the daemon's own log (daemon.log); works without a running daemon.",
        mixinStandardHelpOptions = true)
final class DaemonLogsCommand extends TendSubcommand {
    @Option(names = {"-n", "--lines"}, paramLabel = "N", description = "How many of the last lines (default ${DEFAULT-VALUE}).",
            defaultValue = "50")
    int lines;

    @Option(names = {"-f", "--follow"}, description = "Keep printing new lines until Ctrl-C.")
    boolean follow;

    @Option(names = {"--raw", "--json"}, description = "Print the JSON lines as stored (one JSON object per line).")
    boolean raw;

    @Override
    public Integer call() throws Exception {
        lines(lines, 0);
        Path file = DaemonAccess.paths(root()).daemonLog();
        if (!Files.exists(file)) {
            throw new CliException(ExitCode.NOT_FOUND, "no daemon log yet at " + file);
        }
        Deque<String> last = new ArrayDeque<>();
        long offset;
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            String line;
            while ((line = readUtf8Line(f)) != null) {
                last.addLast(line);
                if (last.size() > lines) {
                    last.removeFirst();
                }
            }
            offset = f.getFilePointer();
        }
        last.forEach(this::print);
        out().flush();
        while (follow) {
            Thread.sleep(200);
            long size = Files.size(file);
            if (size < offset) {
                offset = 0; // rotated
            }
            try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
                f.seek(offset);
                String line;
                while ((line = readUtf8Line(f)) != null) {
                    print(line);
                }
                offset = f.getFilePointer();
            }
            out().flush();
        }
        return ExitCode.OK;
    }

    private void print(String line) {
        out().println(raw ? line : DaemonLogFormat.format(line));
    }

    private static String readUtf8Line(RandomAccessFile f) throws IOException {
        String l = f.readLine();
        return l == null ? null : new String(l.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

}
