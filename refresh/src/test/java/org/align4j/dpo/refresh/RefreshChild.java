package org.align4j.dpo.refresh;

import java.util.Arrays;
import java.util.List;
import org.align4j.feedback.FeedbackStore;

/**
 * A refresh in its own JVM, so that a test can kill it:
 * {@code java -cp <test classpath> org.align4j.dpo.refresh.RefreshChild <db> <policy> [overrides...]}.
 */
public final class RefreshChild {
    private RefreshChild() {}

    public static void main(String[] args) {
        List<String> overrides = Arrays.asList(args).subList(2, args.length);
        int code;
        try (FeedbackStore store = FeedbackStore.open(args[0])) {
            RefreshResult r = RefreshJob.withDpo(store, RefreshConfig.load(null, overrides), args[1], System.out).run();
            System.out.println("status " + r.status() + ": " + r.message());
            code = r.status().exitCode();
        }
        System.exit(code);
    }
}
