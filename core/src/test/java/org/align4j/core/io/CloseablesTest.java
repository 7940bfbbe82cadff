package org.align4j.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CloseablesTest {
    @Test
    void everythingOpenedIsClosedInOrderAndTheFailureReturned() {
        List<String> closed = new ArrayList<>();
        RuntimeException failure = new IllegalArgumentException("bad config");
        RuntimeException thrown = Closeables.closeOnFailure(failure, () -> closed.add("tokenizer"), null,
                () -> closed.add("model"));
        assertThat(thrown).isSameAs(failure);
        assertThat(closed).containsExactly("tokenizer", "model");
        assertThat(failure.getSuppressed()).isEmpty();
    }

    @Test
    void aCloseThatFailsIsSuppressedAndTheRestAreStillClosed() {
        List<String> closed = new ArrayList<>();
        RuntimeException failure = new IllegalStateException("load failed");
        IllegalStateException closing = new IllegalStateException("close failed");
        Closeables.closeOnFailure(failure, () -> {
            throw closing;
        }, () -> closed.add("model"));
        assertThat(closed).containsExactly("model");
        assertThat(failure.getSuppressed()).containsExactly(closing);
    }
}
