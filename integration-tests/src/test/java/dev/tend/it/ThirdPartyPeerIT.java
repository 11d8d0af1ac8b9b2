package dev.tend.it;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The python3 subscriber of docs/protocol.md, run as printed there, against a real daemon. */
class ThirdPartyPeerIT {

    private static String documentedSnippet() throws Exception {
        String doc = Files.readString(TendHome.ROOT.resolve("docs/protocol.md"));
        int start = doc.indexOf("```python\n");
        assertTrue(start >= 0, "docs/protocol.md has a python3 example");
        int end = doc.indexOf("```", start + 10);
        return doc.substring(start + 10, end);
    }

    @Test
    void theDocumentedPythonSubscriberSeesChangesAndTheDaemonStopping() throws Exception {
        Assumptions.assumeTrue(new ProcessBuilder("python3", "--version").start().waitFor() == 0, "python3 is needed");
        try (TendHome tend = new TendHome()) {
            assertEquals(0, tend.tend("run", "--name", "w", "--", "sleep", "1000").exit());
            Path script = tend.home().resolve("subscriber.py");
            Files.writeString(script, documentedSnippet());
            Process py = tend.command("python3", script.toString()).redirectErrorStream(true).start();
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(py.getInputStream(), StandardCharsets.UTF_8));
                String first = out.readLine();
                assertNotNull(first);
                assertTrue(first.startsWith("subscribed at seq ") && first.contains("'w'"), first);
                assertEquals(0, tend.tend("stop", "adhoc/w").exit());
                String line;
                do {
                    line = out.readLine();
                    assertNotNull(line, "the subscriber ended before it saw adhoc/w stopped");
                } while (!line.endsWith("adhoc/w stopped"));
                assertEquals(0, tend.tend("daemon", "stop").exit());
                String last = null;
                while ((line = out.readLine()) != null) {
                    last = line;
                }
                assertEquals("daemon stopping: tend daemon stop", last);
                assertTrue(py.waitFor(30, TimeUnit.SECONDS));
                assertEquals(0, py.exitValue());
            } finally {
                py.destroyForcibly();
            }
        }
    }
}
