package dev.tend.daemon.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import java.util.List;

/** Validates wire values against a schema of the OpenRPC document, its {@code #/components/...} refs resolved. */
final class WireSchemas {
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);

    private final JsonNode components;
    private final ObjectMapper mapper;

    WireSchemas(JsonNode document, ObjectMapper mapper) {
        this.components = document.get("components");
        this.mapper = mapper;
    }

    /** What is wrong with the value (given as Java values or a tree) for the schema; empty when it fits. */
    List<String> problems(JsonNode schema, Object value) {
        ObjectNode root = mapper.createObjectNode();
        root.put("$schema", "http://json-schema.org/draft-07/schema#");
        root.set("allOf", mapper.createArrayNode().add(schema));
        root.set("components", components);
        Schema compiled = REGISTRY.getSchema(root);
        JsonNode tree = value instanceof JsonNode n ? n : mapper.valueToTree(value);
        return compiled.validate(tree).stream().map(Error::toString).toList();
    }

    List<String> problemsWithView(String view, Object value) {
        JsonNode schema = components.get("schemas").get(view);
        if (schema == null) {
            return List.of("no schema " + view);
        }
        return problems(mapper.createObjectNode().put("$ref", "#/components/schemas/" + view), value);
    }
}
