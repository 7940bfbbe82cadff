package org.align4j.datasets.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.align4j.datasets.InvalidRecordException;
import org.align4j.datasets.UnpairedExample;

/** Unpaired examples (KTO): {"prompt", "completion", "label": true|false}, optional "weight", "reason", "rater", "id". */
final class UnpairedCodec extends KeyedCodec<UnpairedExample> {
    private static final List<String> KEYS = List.of("prompt", "completion", "label", "weight", "reason", "rater", "id");

    UnpairedCodec() {
        super(DataKind.UNPAIRED);
    }

    @Override
    public UnpairedExample fromJson(ObjectNode json) {
        Fields.requireKnownKeys(json, KEYS, "");
        JsonNode label = Fields.required(json, "label", "give true (desirable) or false (undesirable)");
        if (!label.isBoolean()) {
            throw new InvalidRecordException("\"label\" is " + Json.describe(label) + ", not a boolean",
                    "give true (desirable) or false (undesirable), without quotes");
        }
        Double weight = Fields.optionalNumber(json, "weight");
        return new UnpairedExample(
                Fields.prompt(json, "prompt"),
                Fields.answer(json, "completion", "give the answer that was labelled"),
                label.booleanValue(),
                weight == null ? 1.0 : weight,
                Fields.optionalString(json, "reason"),
                Fields.optionalString(json, "rater"),
                Fields.optionalString(json, "id"));
    }

    @Override
    public ObjectNode toJson(UnpairedExample e) {
        ObjectNode o = Json.mapper().createObjectNode();
        boolean plain = Fields.putPrompt(o, e.prompt());
        Fields.putAnswer(o, "completion", e.completion(), plain);
        o.put("label", e.desirable());
        if (e.weight() != 1.0) {
            o.put("weight", e.weight());
        }
        Fields.putIfPresent(o, "reason", e.reason());
        Fields.putIfPresent(o, "rater", e.rater());
        Fields.putIfPresent(o, "id", e.id());
        return o;
    }

    @Override
    UnpairedExample withoutBookkeeping(UnpairedExample e) {
        return new UnpairedExample(e.prompt(), e.completion(), e.desirable(), 1.0, null, e.rater(), null);
    }
}
