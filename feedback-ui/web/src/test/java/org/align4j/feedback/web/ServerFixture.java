package org.align4j.feedback.web;

import java.util.List;
import org.align4j.feedback.FeedbackStore;
import org.align4j.feedback.Fixtures;
import org.align4j.feedback.auth.PasswordHasher;
import org.align4j.feedback.auth.User;
import org.align4j.feedback.queue.Enqueued;
import org.align4j.feedback.refresh.ModelVersion;

/** An in-memory store with two doctors, an admin and a few answers, served on a free loopback port. */
final class ServerFixture implements AutoCloseable {
    static final String XSS_ANSWER = "<script>window.__xss = 1;</script><img src=x onerror=\"window.__xss = 2\">剂量 dose & \"quotes\"";

    final FeedbackStore store;
    final FeedbackServer server;
    final User ann;
    final User bob;
    final User root;
    final ModelVersion model;
    final Enqueued first;
    final Enqueued second;

    ServerFixture() {
        this(ServerConfig.loopback(), PasswordCheckLimiter.defaults(), reason -> { });
    }

    /** With a given config, password-check limiter and fatal-error handler. */
    ServerFixture(ServerConfig config, PasswordCheckLimiter limiter, java.util.function.Consumer<String> onFatal) {
        this(new PasswordHasher(4), config, limiter, onFatal);
    }

    /** With a given bcrypt hasher (a slow one keeps password checks overlapping), config, limiter and fatal-error handler. */
    ServerFixture(PasswordHasher hasher, ServerConfig config, PasswordCheckLimiter limiter,
            java.util.function.Consumer<String> onFatal) {
        store = Fixtures.memoryStore(java.time.Clock.systemUTC(), hasher);
        ann = Fixtures.doctor(store, "ann");
        bob = Fixtures.doctor(store, "bob");
        root = Fixtures.admin(store, "root");
        model = Fixtures.model(store, "sft-1");
        first = store.queue().enqueue("布洛芬和对乙酰氨基酚可以一起吃吗？ Can I take ibuprofen with paracetamol?",
                List.of("可以交替服用。 They can be alternated.", XSS_ANSWER), model.id(), "{\"temperature\":0.7}");
        second = Fixtures.enqueue(store, model, "What is a normal resting heart rate?", "60 to 100 beats per minute.", "200.");
        server = FeedbackServer.start(store, config, onFatal, limiter);
    }

    ApiClient client() {
        return new ApiClient(server.port());
    }

    ApiClient loggedIn(String username) {
        ApiClient c = client();
        ApiClient.Response r = c.login(username, Fixtures.PASSWORD);
        if (r.status() != 200) {
            throw new IllegalStateException("login failed: " + r.status() + " " + r.body());
        }
        return c;
    }

    @Override
    public void close() {
        server.stop();
        store.close();
    }
}
