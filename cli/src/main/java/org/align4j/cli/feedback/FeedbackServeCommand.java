package org.align4j.cli.feedback;

import java.io.PrintWriter;
import org.align4j.feedback.web.FeedbackService;
import org.align4j.feedback.web.ServerConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code align feedback serve}: runs the web app until SIGTERM or Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve the feedback app. Stops cleanly on SIGTERM or Ctrl-C (requests in flight finish, then the database closes).",
                "GET /healthz and /readyz answer 503 when the database is not writable. After a fatal store error"
                        + " (full disk, closed database) the app exits with status 3: run it under a supervisor that restarts it."})
public final class FeedbackServeCommand implements Runnable {
    @CommandLine.Mixin DbOption db;

    @Option(names = "--port", defaultValue = "8080", description = "TCP port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Interface to listen on (default: ${DEFAULT-VALUE}). Expose it through a TLS reverse proxy.")
    String host;

    @Option(names = "--secure-cookies", description = "Mark cookies Secure (when the app is reached over HTTPS).")
    boolean secureCookies;

    @Option(names = "--public-origin", paramLabel = "URL",
            description = "The address browsers use, e.g. https://feedback.example.org, when a reverse proxy in front rewrites"
                    + " the Host header: POSTs from this origin pass the same-origin check.")
    String publicOrigin;

    @Option(names = "--trusted-proxy", paramLabel = "ADDRESS",
            description = "IP address of a reverse proxy whose X-Forwarded-For (the client's address, for the per-address"
                    + " login limit) and X-Forwarded-Host are believed. Repeatable.")
    java.util.Set<String> trustedProxies = new java.util.LinkedHashSet<>();

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    /** The running service, for tests that stop it without a signal. */
    volatile FeedbackService service;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        ServerConfig config;
        try {
            config = new ServerConfig(host, port, secureCookies, java.util.Optional.ofNullable(publicOrigin), trustedProxies);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        service = FeedbackService.start(db.db, config, line -> {
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
