package org.align4j.feedback.queue;

import java.util.List;

/** Where {@link QueueWriter#enqueue} put a prompt and its answers. */
public record Enqueued(long promptId, List<Long> responseIds) {
    public Enqueued {
        responseIds = List.copyOf(responseIds);
    }
}
