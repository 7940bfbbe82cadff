package org.align4j.feedback.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.Map;
import java.util.function.ToLongBiFunction;
import org.align4j.feedback.auth.User;
import org.align4j.feedback.queue.FeedbackWriter;
import org.align4j.feedback.queue.QueueReader;

/**
 * The doctor's JSON API. Every action acts as the logged-in user: no request names a user, so no
 * doctor can act as another. A write is answered only after its transaction has committed.
 */
record DoctorApi(QueueReader queue, FeedbackWriter feedback) {
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
        created(ctx, Requests.Rating.class, "ratingId", (userId, req) -> feedback.rate(userId,
                Requests.required(req.responseId(), "responseId"), req.thumb(), req.comment()));
    }

    private void compare(Context ctx) {
        created(ctx, Requests.Comparison.class, "comparisonId", (userId, req) -> feedback.compare(userId,
                Requests.required(req.responseAId(), "responseAId"), Requests.required(req.responseBId(), "responseBId"),
                req.parsedChoice(), req.comment()));
    }

    private void correct(Context ctx) {
        created(ctx, Requests.Correction.class, "correctionId", (userId, req) -> feedback.correct(userId,
                Requests.required(req.responseId(), "responseId"), req.text(), req.comment()));
    }

    /**
     * One write as the logged-in user: reads the body as {@code type}, runs {@code write} (which returns the new
     * row's id once committed) and answers 201 with {@code {idField: id}}.
     */
    private static <R> void created(Context ctx, Class<R> type, String idField, ToLongBiFunction<Long, R> write) {
        User user = AccessControl.session(ctx).user();
        R req = Json.body(ctx, type);
        long id = write.applyAsLong(user.id(), req);
        Json.send(ctx, 201, Map.of(idField, id));
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
