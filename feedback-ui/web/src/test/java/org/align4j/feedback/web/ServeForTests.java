package org.align4j.feedback.web;

/**
 * Runs the feedback service in its own JVM for the crash and shutdown tests:
 * {@code java -cp <test classpath> org.align4j.feedback.web.ServeForTests <db>}. It prints the
 * "listening on" line and then waits for SIGTERM or SIGKILL.
 */
public final class ServeForTests {
    private ServeForTests() {}

    public static void main(String[] args) throws InterruptedException {
        FeedbackService service = FeedbackService.start(args[0], ServerConfig.loopback(), line -> {
            System.out.println(line);
            System.out.flush();
        });
        service.awaitStop();
    }
}
