package dev.tend.it;

import dev.tend.protocol.json.Json;
import dev.tend.protocol.json.JsonObjects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.tend.it.TendProject.alive;
import static dev.tend.it.TendProject.pid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ${VAR} in a project file comes from the environment `tend up` (or `tend reload`) ran in, over the .env beside the
 * file; an unset one is refused with file and line, and nothing starts or changes (docs/project-file.md).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProjectVariablesIT {
    private TendHome tend;

    @BeforeAll
    void home() throws Exception {
        tend = new TendHome();
    }

    @AfterAll
    void closeHome() throws Exception {
        tend.close();
    }

    @Test
    void upSubstitutesTheShellsVariablesOverDotEnvAndLeavesTheShellItsOwn() throws Exception {
        TendProject p = new TendProject(tend, "greeter", """
                services:
                  greet:
                    command: printf '%s\\n' "greeting=${VARS_IT_GREETING} name=${VARS_IT_NAME} price=$PRICE pid=$$ shell=$${VARS_IT_NEVER_SET:-unset}" > ${VARS_IT_OUT:-out.txt}; exec sleep 1000
                    env: { PRICE: "$5" }
                """);
        Files.writeString(p.file(".env"), "VARS_IT_GREETING=hello\nVARS_IT_NAME=from-dotenv\n");
        tend.env().put("VARS_IT_NAME", "from-shell");
        try {
            p.ok("up", "--wait");
        } finally {
            tend.env().remove("VARS_IT_NAME");
        }
        Path out = p.file("out.txt");
        String line = TendProject.await("greet wrote its line", () -> {
            String text = Files.exists(out) ? Files.readString(out) : "";
            return text.endsWith("\n") ? text : null;
        });
        assertTrue(line.matches("greeting=hello name=from-shell price=\\$5 pid=[0-9]+ shell=unset\n"),
                "$$ is the shell's pid and $${...} reaches the shell as ${...}: " + line);
        p.ok("down");
    }

    @Test
    void anUnsetVariableIsRefusedByUpWithFileAndLineAndNothingStarts() throws Exception {
        TendProject p = new TendProject(tend, "unset", """
                services:
                  api:
                    command: sleep 1000
                    env: { TOKEN: "${VARS_IT_TOKEN}" }
                """);
        TendHome.Result r = p.tend("up");
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().contains(p.file("tend.yaml") + ":4: variable VARS_IT_TOKEN is not set"), r.toString());
        List<Map<String, Object>> all = TendProject.objects(tend.tend("ps", "--all", "--json").out());
        assertTrue(all.stream().noneMatch(s -> "unset".equals(s.get("project"))), "nothing registered: " + all);
    }

    @Test
    void reloadWithAnUnsetVariableLeavesTheRunningServicesAlone() throws Exception {
        String good = "services:\n  a:\n    command: sleep 1000\n    env: { MODE: \"${VARS_IT_MODE:-dev}\" }\n";
        TendProject p = new TendProject(tend, "reloading", good);
        p.ok("up", "--wait");
        long before = pid(p.awaitState("a", "ready"));

        p.write(good.replace("${VARS_IT_MODE:-dev}", "${VARS_IT_MODE:?set it to dev or prod}"));
        TendHome.Result r = p.tend("reload");
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().contains(p.file("tend.yaml") + ":4: variable VARS_IT_MODE is not set: set it to dev or prod"),
                r.toString());
        assertEquals(before, pid(p.awaitState("a", "ready")), "the running service is untouched");
        assertTrue(alive(before));
        p.ok("down");
    }

    @Test
    void tendConfigShowsTheSubstitutedProjectWithEnvFileValuesHidden() throws Exception {
        TendProject p = new TendProject(tend, "configured", """
                env_file: secrets.env
                services:
                  api:
                    command: serve --host ${VARS_IT_HOST:-127.0.0.1}
                    env: { LEVEL: debug }
                """);
        Files.writeString(p.file("secrets.env"), "API_KEY=s3cret-value\n");
        TendHome.Result r = p.ok("config");
        assertTrue(r.out().contains("command: serve --host 127.0.0.1"), r.toString());
        assertTrue(r.out().contains("API_KEY: \"***\""), r.toString());
        assertTrue(r.out().contains("LEVEL: debug"), r.toString());
        assertTrue(!r.out().contains("s3cret") && !r.err().contains("s3cret"), "the secret is not printed: " + r);

        Map<String, Object> json = JsonObjects.object(Json.parse(p.ok("config", "--json").out()));
        Map<String, Object> api = JsonObjects.object(JsonObjects.array(json.get("services")).get(0));
        assertEquals(Map.of("API_KEY", "***", "LEVEL", "debug"), api.get("env"));
        assertEquals(List.of(p.file("tend.yaml").toString()), json.get("files"));
        assertTrue(TendProject.objects(tend.tend("ps", "--all", "--json").out()).stream()
                .noneMatch(s -> "configured".equals(s.get("project"))), "config starts nothing");
    }
}
