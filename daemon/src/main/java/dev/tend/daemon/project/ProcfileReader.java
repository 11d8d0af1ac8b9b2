package dev.tend.daemon.project;

import dev.tend.daemon.core.process.CommandSize;
import dev.tend.daemon.core.EnvSources;
import dev.tend.daemon.core.ProjectSpec;
import dev.tend.daemon.core.RestartMode;
import dev.tend.daemon.core.ServiceSpec;

import dev.tend.protocol.NameRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Procfile: "name: command" lines, '#' comments, blank lines. Like foreman and honcho, a `.env` beside it
 * (if there is one) gives every process its environment, and each process gets PORT: 5000 for the first, 5100 for
 * the second, and so on (the base is PORT of the .env if it sets one).
 */
final class ProcfileReader {

    private static final Pattern LINE = Pattern.compile("([^:\\s]+)\\s*:\\s*(.*)");
    /** foreman's and honcho's first PORT, and the step between processes. */
    private static final int BASE_PORT = 5000;
    private static final int PORT_STEP = 100;

    private ProcfileReader() {
    }

    /** PORT of the .env, else foreman's 5000; a PORT that is no port is refused (foreman would make it 0). */
    private static int basePort(Map<String, String> env, int portLine, Path shownDotEnv) throws ProjectFileException {
        String text = env.get("PORT");
        if (text == null) {
            return BASE_PORT;
        }
        int port = Values.port(text.strip());
        if (port < 0) {
            throw new ProjectFileException(shownDotEnv, portLine, 1, "PORT '" + text
                    + "' is not a port from 1 to 65535 (the first process's; each next one gets " + PORT_STEP + " more)");
        }
        return port;
    }

    static ProjectSpec read(String text, ProjectPaths paths) throws ProjectFileException {
        Values values = new Values(paths.shownFile());
        Map<String, String> env = Map.of();
        Path dotEnv = paths.dir().resolve(".env");
        boolean hasDotEnv = Files.isRegularFile(dotEnv);
        Map<String, Integer> lineOfKey = new HashMap<>();
        if (hasDotEnv) {
            env = EnvFile.read(dotEnv, paths.shown(".env"), lineOfKey);
        }
        int basePort = basePort(env, lineOfKey.getOrDefault("PORT", 0), paths.shown(".env"));
        Map<String, ServiceSpec> services = new LinkedHashMap<>();
        Map<String, Integer> firstLine = new HashMap<>();
        String[] lines = text.split("\\r?\\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            int lineNumber = i + 1;
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                throw values.fail(lineNumber, "expected 'name: command' (a process name, a colon, its command)");
            }
            String name = m.group(1);
            String command = m.group(2).strip();
            if (!NameRule.isValid(name)) {
                throw values.fail(lineNumber, "bad process name " + (Values.looksLikeAKey(name) ? "'" + name + "'"
                        : "(not shown: it is not a word)") + ": " + NameRule.rule());
            }
            if (command.isEmpty()) {
                throw values.fail(lineNumber, "process '" + name + "' has no command");
            }
            String tooLong = CommandSize.tooLong(command);
            if (tooLong != null) {
                throw values.fail(lineNumber, "process '" + name + "': " + tooLong);
            }
            Integer first = firstLine.putIfAbsent(name, lineNumber);
            if (first != null) {
                throw values.fail(lineNumber, "duplicate process '" + name + "' (first at line " + first + ")");
            }
            int port = basePort + PORT_STEP * services.size();
            if (port > 65535) {
                throw values.fail(lineNumber, "process '" + name + "' would get PORT " + port + ", past 65535 ("
                        + (env.containsKey("PORT") ? "PORT=" + basePort + " in .env" : basePort + " for the first")
                        + ", and " + PORT_STEP + " more for each process before it): set a lower PORT in .env");
            }
            services.put(name, ServiceSpec.adhoc(name, command, paths.dir(), env, RestartMode.ON_FAILURE)
                    .withPort(port));
        }
        if (services.isEmpty()) {
            throw values.fail(0, "no processes declared; write lines like 'web: ./run-server'");
        }
        String project = NameRule.sanitize(paths.dir().getFileName() == null ? null
                : paths.dir().getFileName().toString());
        Map<String, EnvSources> sources = new LinkedHashMap<>();
        if (hasDotEnv) {
            EnvSources fromDotEnv = new EnvSources(List.of(dotEnv.toAbsolutePath()), env.keySet(), Map.of());
            services.keySet().forEach(name -> sources.put(name, fromDotEnv));
        }
        return new ProjectSpec(project, paths.dir(), paths.file(), services, Map.of(), sources);
    }
}
