package org.align4j.cli.feedback;

import java.io.PrintWriter;
import org.align4j.feedback.web.FeedbackService;
import org.align4j.feedback.web.ServerConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code align feedback serve}: runs the web app until SIGTERM or Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve the feedback app. Stops cleanly on SIGTERM or Ctrl-C (requests in flight finish, then the database closes).")
public final class FeedbackServeCommand implements Runnable {
    @CommandLine.Mixin DbOption db;

    @Option(names = "--port", defaultValue = "8080", description = "TCP port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Interface to listen on (default: ${DEFAULT-VALUE}). Expose it through a TLS reverse proxy.")
    String host;

    @Option(names = "--secure-cookies", description = "Mark cookies Secure (when the app is reached over HTTPS).")
    boolean secureCookies;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    /** The running service, for tests that stop it without a signal. */
    volatile FeedbackService service;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        service = FeedbackService.start(db.db, new ServerConfig(host, port, secureCookies), line -> {
            out.println(line);
            out.flush();
        });
        try {
            service.awaitStop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            service.stop();
        }
    }
}
