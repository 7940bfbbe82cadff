package org.align4j.feedback.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.Map;
import org.align4j.feedback.auth.User;
import org.align4j.feedback.queue.FeedbackWriter;
import org.align4j.feedback.queue.QueueReader;

/**
 * The doctor's JSON API. Every action acts as the logged-in user: no request names a user, so no
 * doctor can act as another. A write is answered only after its transaction has committed.
 */
final class DoctorApi {
    private final QueueReader queue;
    private final FeedbackWriter feedback;

    DoctorApi(QueueReader queue, FeedbackWriter feedback) {
        this.queue = queue;
        this.feedback = feedback;
    }

    void register(RoutesConfig routes) {
        routes.get("/api/queue/next", this::next, Access.DOCTOR);
        routes.post("/api/ratings", this::rate, Access.DOCTOR);
        routes.post("/api/comparisons", this::compare, Access.DOCTOR);
        routes.post("/api/corrections", this::correct, Access.DOCTOR);
        routes.post("/api/skips", this::skip, Access.DOCTOR);
    }

    /** GET /api/queue/next?mode=rate|compare → {"mode": ..., "item": {...} or null}. */
    private void next(Context ctx) {
        User user = AccessControl.session(ctx).user();
        String mode = ctx.queryParam("mode") == null ? "rate" : ctx.queryParam("mode");
        Map<String, Object> out = new HashMap<>();
        out.put("mode", mode);
        switch (mode) {
            case "rate" -> out.put("item", queue.nextToRate(user.id()).orElse(null));
            case "compare" -> out.put("item", queue.nextToCompare(user.id()).orElse(null));
            default -> throw new BadRequestResponse("mode is '" + mode + "': allowed modes are rate and compare");
        }
        Json.send(ctx, 200, out);
    }

    private void rate(Context ctx) {
        User user = AccessControl.session(ctx).user();
        Requests.Rating req = Json.body(ctx, Requests.Rating.class);
        long id = feedback.rate(user.id(), Requests.required(req.responseId(), "responseId"), req.thumb(), req.comment());
        Json.send(ctx, 201, Map.of("ratingId", id));
    }

    private void compare(Context ctx) {
        User user = AccessControl.session(ctx).user();
        Requests.Comparison req = Json.body(ctx, Requests.Comparison.class);
        long id = feedback.compare(user.id(), Requests.required(req.responseAId(), "responseAId"),
                Requests.required(req.responseBId(), "responseBId"), req.parsedChoice(), req.comment());
        Json.send(ctx, 201, Map.of("comparisonId", id));
    }

    private void correct(Context ctx) {
        User user = AccessControl.session(ctx).user();
        Requests.Correction req = Json.body(ctx, Requests.Correction.class);
        long id = feedback.correct(user.id(), Requests.required(req.responseId(), "responseId"), req.text(), req.comment());
        Json.send(ctx, 201, Map.of("correctionId", id));
    }

    private void skip(Context ctx) {
        User user = AccessControl.session(ctx).user();
        Requests.Skip req = Json.body(ctx, Requests.Skip.class);
        if (req.responseId() != null && req.responseAId() == null && req.responseBId() == null) {
            feedback.skipAnswer(user.id(), req.responseId());
        } else if (req.responseId() == null && req.responseAId() != null && req.responseBId() != null) {
            feedback.skipPair(user.id(), req.responseAId(), req.responseBId());
        } else {
            throw new BadRequestResponse("give either responseId (skip an answer) or responseAId and responseBId (skip a pair)");
        }
        Json.send(ctx, 200, Map.of("skipped", true));
    }
}
