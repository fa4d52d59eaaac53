package ablate.harness.cli.metric;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.PrintWriter;

/** JSON output of the metric commands: NaN (undefined) is written as null, ±∞ as the strings "Infinity"/"-Infinity". */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    static ArrayNode array() {
        return JsonNodeFactory.instance.arrayNode();
    }

    static void put(ObjectNode node, String key, double value) {
        if (Double.isNaN(value)) {
            node.putNull(key);
        } else if (Double.isInfinite(value)) {
            node.put(key, value > 0 ? "Infinity" : "-Infinity");
        } else {
            node.put(key, value);
        }
    }

    static ArrayNode numbers(double[] values) {
        ArrayNode array = array();
        for (double v : values) {
            if (Double.isNaN(v)) {
                array.addNull();
            } else {
                array.add(v);
            }
        }
        return array;
    }

    static int print(PrintWriter out, Object node) {
        try {
            out.println(MAPPER.writeValueAsString(node));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        out.flush();
        return 0;
    }
}
