package org.align4j.datasets.io;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.align4j.datasets.ChatMessage;
import org.align4j.datasets.Rating;

/** Ratings: a thumbs (1/0) or a 1–5 score of one answer. */
final class RatingCodec extends KeyedCodec<Rating> {
    private static final List<String> KEYS = List.of("prompt", "response", "score", "scale", "rater", "id");

    RatingCodec() {
        super(DataKind.RATINGS);
    }

    @Override
    public Rating fromJson(ObjectNode json) {
        Fields.requireKnownKeys(json, KEYS, "");
        List<ChatMessage> prompt = Fields.prompt(json, "prompt");
        String response = Fields.answer(json, "response", "give the answer that was rated");
        double score = Fields.requiredNumber(json, "score", "give 1/0 (thumbs) or a score from 1 to 5");
        String scaleName = Fields.optionalString(json, "scale");
        Rating.Scale scale = scaleName == null ? Rating.Scale.inferredFrom(score) : Rating.Scale.fromJson(scaleName);
        return new Rating(prompt, response, score, scale, Fields.optionalString(json, "rater"),
                Fields.optionalString(json, "id"));
    }

    @Override
    public ObjectNode toJson(Rating r) {
        ObjectNode o = Json.mapper().createObjectNode();
        Fields.putPrompt(o, r.prompt());
        o.put("response", r.response()); // a string beside either form of prompt, as the ratings format has it
        if (r.score() == Math.rint(r.score())) {
            o.put("score", (int) r.score());
        } else {
            o.put("score", r.score());
        }
        if (r.scale() == Rating.Scale.FIVE_POINT) { // explicit, so a file never mixes unlabelled 1s and 5s
            o.put("scale", r.scale().jsonName());
        }
        Fields.putIfPresent(o, "rater", r.rater());
        Fields.putIfPresent(o, "id", r.id());
        return o;
    }

    @Override
    Rating withoutBookkeeping(Rating r) {
        return r.with(r.rater(), null);
    }
}
