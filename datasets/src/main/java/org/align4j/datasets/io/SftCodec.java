package org.align4j.datasets.io;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.align4j.datasets.InvalidRecordException;
import org.align4j.datasets.SftExample;

/** SFT rows: Alpaca ({@code instruction}, {@code input}, {@code output}) or {@code messages}. */
final class SftCodec extends KeyedCodec<SftExample> {
    private static final List<String> ALPACA_KEYS = List.of("instruction", "input", "output", "id");
    private static final List<String> CONVERSATION_KEYS = List.of("messages", "id");

    SftCodec() {
        super(DataKind.SFT);
    }

    @Override
    public SftExample fromJson(ObjectNode json) {
        boolean conversation = json.has("messages");
        boolean alpaca = json.has("instruction") || json.has("output") || json.has("input");
        if (conversation && alpaca) {
            throw new InvalidRecordException("the row mixes \"messages\" with Alpaca fields",
                    "use either {\"messages\": [...]} or {\"instruction\", \"input\", \"output\"}");
        }
        if (!conversation && !alpaca) {
            throw new InvalidRecordException("the row has neither \"messages\" nor \"instruction\"/\"output\"",
                    "use either {\"messages\": [...]} or {\"instruction\", \"input\", \"output\"}");
        }
        String id = Fields.optionalString(json, "id");
        if (conversation) {
            Fields.requireKnownKeys(json, CONVERSATION_KEYS, "");
            return new SftExample(Fields.messages(json.get("messages"), "messages"), null, id);
        }
        Fields.requireKnownKeys(json, ALPACA_KEYS, "");
        String instruction = Fields.requiredString(json, "instruction", "give the question or task");
        String input = Fields.optionalPossiblyEmptyString(json, "input");
        String output = Fields.requiredString(json, "output", "give the answer to train on");
        return SftExample.ofAlpaca(instruction, input, output).withId(id);
    }

    @Override
    public ObjectNode toJson(SftExample e) {
        ObjectNode o = Json.mapper().createObjectNode();
        if (e.isAlpaca()) {
            o.put("instruction", e.alpaca().instruction());
            o.put("input", e.alpaca().input());
            o.put("output", e.alpaca().output());
        } else {
            o.set("messages", Fields.toJson(e.messages()));
        }
        Fields.putIfPresent(o, "id", e.id());
        return o;
    }

    @Override
    SftExample withoutBookkeeping(SftExample e) {
        return e.withId(null);
    }
}
