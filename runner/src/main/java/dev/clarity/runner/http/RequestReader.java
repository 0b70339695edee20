package dev.clarity.runner.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns a JSON body into a request record, or a {@link BadRequest} naming the field: a required field that is
 * missing or blank, or any field of the wrong type. Missing list fields become empty lists. Thread-safe.
 */
final class RequestReader {
    private final ObjectMapper json;

    RequestReader(ObjectMapper json) {
        this.json = json;
    }

    <T> T read(String body, Class<T> type, List<String> required, List<String> lists) {
        JsonNode node;
        try {
            node = json.readTree(body == null || body.isBlank() ? "null" : body);
        } catch (JsonProcessingException e) {
            throw new BadRequest("(body)", "the body is not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new BadRequest("(body)", "the body must be a JSON object");
        }
        ObjectNode object = (ObjectNode) node;
        for (String field : required) {
            JsonNode value = object.get(field);
            if (value == null
                    || value.isNull()
                    || (value.isTextual() && value.asText().isBlank())) {
                throw new BadRequest(field, field + " is required");
            }
        }
        for (String field : lists) {
            if (!object.hasNonNull(field)) {
                object.putArray(field);
            } else if (!object.get(field).isArray()) {
                throw new BadRequest(field, field + " must be a list");
            }
        }
        try {
            return json.treeToValue(object, type);
        } catch (JsonMappingException e) {
            String field = e.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."))
                    .replace(".[", "[");
            throw new BadRequest(field.isEmpty() ? "(body)" : field, "wrong type for " + field);
        } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
            throw new BadRequest("(body)", "the body does not match the request");
        }
    }
}
