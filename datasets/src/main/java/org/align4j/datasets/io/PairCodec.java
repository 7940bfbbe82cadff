package org.align4j.datasets.io;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.align4j.datasets.PreferencePair;

/** Preference pairs, plain ({@code "prompt": "..."}) or conversational (message lists). */
final class PairCodec extends KeyedCodec<PreferencePair> {
    private static final List<String> KEYS = List.of("prompt", "chosen", "rejected", "id", "source", "margin", "weight",
            "reason");

    PairCodec() {
        super(DataKind.PAIRS);
    }

    @Override
    public PreferencePair fromJson(ObjectNode json) {
        Fields.requireKnownKeys(json, KEYS, "");
        return new PreferencePair(
                Fields.prompt(json, "prompt"),
                Fields.answer(json, "chosen", "give the preferred answer"),
                Fields.answer(json, "rejected", "give the answer that was not preferred"),
                Fields.optionalString(json, "id"),
                Fields.optionalString(json, "source"),
                Fields.optionalNumber(json, "margin"),
                Fields.optionalNumber(json, "weight"),
                Fields.optionalString(json, "reason"));
    }

    @Override
    public ObjectNode toJson(PreferencePair p) {
        ObjectNode o = Json.mapper().createObjectNode();
        boolean plain = Fields.putPrompt(o, p.prompt());
        Fields.putAnswer(o, "chosen", p.chosen(), plain);
        Fields.putAnswer(o, "rejected", p.rejected(), plain);
        Fields.putIfPresent(o, "id", p.id());
        Fields.putIfPresent(o, "source", p.source());
        Fields.putIfPresent(o, "margin", p.margin());
        Fields.putIfPresent(o, "weight", p.weight());
        Fields.putIfPresent(o, "reason", p.reason());
        return o;
    }

    @Override
    PreferencePair withoutBookkeeping(PreferencePair p) {
        return p.with(null, null, null).withWeight(null, null);
    }
}
