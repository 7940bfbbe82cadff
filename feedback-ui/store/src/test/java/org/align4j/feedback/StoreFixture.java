package org.align4j.feedback;

import java.time.Instant;
import org.align4j.feedback.auth.User;
import org.align4j.feedback.refresh.ModelVersion;

/** What most store tests start from: an empty store on a clock the test moves, model sft-1 and doctors ann and bob. */
public final class StoreFixture implements AutoCloseable {
    public final Fixtures.MutableClock clock;
    public final FeedbackStore store;
    public final ModelVersion model;
    public final User ann;
    public final User bob;

    /** With the clock at {@link Fixtures#START}. */
    public StoreFixture() {
        this(Fixtures.START);
    }

    public StoreFixture(Instant start) {
        clock = new Fixtures.MutableClock(start);
        store = Fixtures.memoryStore(clock);
        model = Fixtures.model(store, "sft-1");
        ann = Fixtures.doctor(store, "ann");
        bob = Fixtures.doctor(store, "bob");
    }

    @Override
    public void close() {
        store.close();
    }
}
