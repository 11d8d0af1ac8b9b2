package dev.tend.daemon.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A test of the endpoint over the real parts ({@link RpcHarness}): its own directory, everything shut down after. */
abstract class RealEndpointTest {
    @TempDir
    Path tmp;
    RpcHarness rpc;

    @BeforeEach
    void openEndpoint() {
        rpc = new RpcHarness(tmp);
    }

    @AfterEach
    void closeEndpoint() throws Exception {
        rpc.close();
    }

    /** The names of a list of services or jobs, in order. */
    static List<String> names(JsonNode list) {
        List<String> names = new ArrayList<>();
        list.forEach(s -> names.add(s.get("name").textValue()));
        return names;
    }
}
