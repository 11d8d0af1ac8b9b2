package dev.tend.daemon.lifecycle;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.tend.daemon.core.logs.LogPolicy;
import dev.tend.daemon.core.time.Durations;
import dev.tend.daemon.core.text.QuotedValues;
import dev.tend.daemon.project.SmallTextFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads config.yaml strictly: an unknown key or a bad value is an error naming the file and key, never ignored. */
public final class SettingsFile {
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KB|KiB|MB|MiB|GB|GiB)?", Pattern.CASE_INSENSITIVE);
    private static final Set<String> TOP = Set.of("logs", "idle_timeout", "log_level", "hooks");
    private static final Set<String> HOOKS = Set.of("on_failed", "timeout");
    private static final Set<String> LOGS = Set.of("max_file_size", "files", "max_line");
    private static final List<String> LEVELS = List.of("trace", "debug", "info", "warn", "error");

    private SettingsFile() {
    }

    /** The settings in the file, or the defaults when there is no file. */
    public static Settings load(Path file) throws SettingsException {
        String text;
        long mtime;
        try {
            text = SmallTextFile.read(file, "settings file");
            mtime = Files.getLastModifiedTime(file).toMillis();
        } catch (NoSuchFileException e) {
            return Settings.DEFAULTS;
        } catch (SmallTextFile.TooLargeException e) {
            throw new SettingsException(file + ": " + e.getMessage());
        } catch (IOException e) {
            throw new SettingsException(file + ": cannot read: " + e.getMessage());
        }
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(text);
        } catch (IOException e) {
            JsonLocation at = e instanceof com.fasterxml.jackson.core.JsonProcessingException p ? p.getLocation() : null;
            throw new SettingsException(file + (at != null ? ":" + at.getLineNr() : "") + ": not valid YAML");
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return new Settings(LogPolicy.DEFAULTS, null, "info", mtime, Settings.Hooks.DEFAULTS);
        }
        if (!root.isObject()) {
            throw new SettingsException(file + ": expected a map of settings (logs, idle_timeout, log_level)");
        }
        checkKeys(file, root, TOP, "");
        LogPolicy logs = LogPolicy.DEFAULTS;
        JsonNode l = root.get("logs");
        if (l != null) {
            if (!l.isObject()) {
                throw new SettingsException(file + ": logs: expected a map with max_file_size, files, max_line");
            }
            checkKeys(file, l, LOGS, "logs.");
            long maxFile = l.has("max_file_size") ? size(file, "logs.max_file_size", l.get("max_file_size")) : logs.maxFileBytes();
            int files = l.has("files") ? count(file, "logs.files", l.get("files")) : logs.files();
            long maxLine = l.has("max_line") ? size(file, "logs.max_line", l.get("max_line")) : logs.maxLineBytes();
            try {
                logs = new LogPolicy(maxFile, files, (int) Math.min(Integer.MAX_VALUE, maxLine));
            } catch (IllegalArgumentException e) {
                throw new SettingsException(file + ": logs: " + e.getMessage());
            }
        }
        Duration idle = null;
        if (root.has("idle_timeout") && !root.get("idle_timeout").isNull()) {
            try {
                idle = Durations.parse(root.get("idle_timeout").asText());
            } catch (IllegalArgumentException e) {
                throw new SettingsException(file + ": idle_timeout: " + e.getMessage());
            }
        }
        String level = "info";
        if (root.has("log_level")) {
            level = root.get("log_level").asText().toLowerCase(Locale.ROOT);
            if (!LEVELS.contains(level)) {
                throw new SettingsException(file + ": log_level: '" + level + "' is not one of " + String.join(", ", LEVELS));
            }
        }
        return new Settings(logs, idle, level, mtime, hooks(file, root.get("hooks")));
    }

    private static Settings.Hooks hooks(Path file, JsonNode h) throws SettingsException {
        if (h == null || h.isNull()) {
            return Settings.Hooks.DEFAULTS;
        }
        if (!h.isObject()) {
            throw new SettingsException(file + ": hooks: expected a map with on_failed, timeout");
        }
        checkKeys(file, h, HOOKS, "hooks.");
        String onFailed = null;
        JsonNode cmd = h.get("on_failed");
        if (cmd != null && !cmd.isNull()) {
            if (!cmd.isValueNode() || cmd.asText().isBlank()) {
                throw new SettingsException(file + ": hooks.on_failed: expected a shell command");
            }
            onFailed = cmd.asText();
        }
        Duration timeout = Settings.Hooks.DEFAULT_TIMEOUT;
        JsonNode t = h.get("timeout");
        if (t != null && !t.isNull()) {
            try {
                timeout = Durations.parse(t.asText());
            } catch (IllegalArgumentException e) {
                throw new SettingsException(file + ": hooks.timeout: " + e.getMessage());
            }
            if (timeout.isZero() || timeout.isNegative()) {
                throw new SettingsException(file + ": hooks.timeout: must be longer than zero");
            }
        }
        return new Settings.Hooks(onFailed, timeout);
    }

    private static void checkKeys(Path file, JsonNode node, Set<String> allowed, String prefix) throws SettingsException {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            String key = it.next().getKey();
            if (!allowed.contains(key)) {
                throw new SettingsException(file + ": unknown setting '" + prefix + key + "' (known: "
                        + String.join(", ", allowed.stream().sorted().map(k -> prefix + k).toList()) + ")");
            }
        }
    }

    static long size(Path file, String key, JsonNode v) throws SettingsException {
        Matcher m = SIZE.matcher(v.asText().trim());
        if (!m.matches()) {
            throw new SettingsException(file + ": " + key + ": '" + v.asText() + "' is not a size (e.g. 10MiB, 64KiB, 1048576)");
        }
        String unit = m.group(2) == null ? "B" : m.group(2).toUpperCase(Locale.ROOT);
        long factor = switch (unit) {
            case "KB" -> 1000L;
            case "KIB" -> 1024L;
            case "MB" -> 1000L * 1000;
            case "MIB" -> 1024L * 1024;
            case "GB" -> 1000L * 1000 * 1000;
            case "GIB" -> 1024L * 1024 * 1024;
            default -> 1L;
        };
        try {
            return Math.multiplyExact(Long.parseLong(m.group(1)), factor);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new SettingsException(file + ": " + key + ": '" + v.asText() + "' is too large");
        }
    }

    private static int count(Path file, String key, JsonNode v) throws SettingsException {
        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < 1) {
            throw new SettingsException(file + ": " + key + ": expected a whole number of at least 1");
        }
        return v.asInt();
    }

    /** A settings file that cannot be used. */
    public static final class SettingsException extends Exception {
        public SettingsException(String message) {
            super(QuotedValues.shorten(message));
        }
    }
}
