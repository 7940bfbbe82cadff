package org.align4j.cli.dpo;

import org.align4j.core.train.config.BundledText;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.align4j.cli.train.ConfigFileOptions;
import org.align4j.cli.train.ExampleOption;
import org.align4j.dpo.refresh.RefreshConfig;
import org.align4j.dpo.refresh.RefreshJob;
import org.align4j.dpo.refresh.RefreshResult;
import org.align4j.dpo.refresh.RefreshStatus;
import org.align4j.feedback.FeedbackStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code align dpo-refresh}: the nightly job that turns new ratings into a better, gated model. */
@Command(name = "dpo-refresh", mixinStandardHelpOptions = true,
        description = {"Nightly refresh for cron: under a lock in the feedback database, train DPO from the production",
            "policy on the pairs created since the last promotion (plus a replay sample), evaluate candidate and",
            "production on held-out pairs (preference accuracy, reward margin, safety rules), and promote the",
            "candidate only if it passes the gate. Every run is recorded in the database.",
            "Exit codes: 0 promoted or nothing to do, 1 error, 2 usage error, 3 gate failed, 4 locked.",
            "Start from the documented example: align dpo-refresh --example > refresh.yaml"})
public final class DpoRefreshCommand implements Callable<Integer> {
    @Option(names = "--db", paramLabel = "JDBC_URL", description = "The feedback database (JDBC URL or H2 file path).")
    String db;

    @Option(names = "--policy", paramLabel = "DIR_OR_NAME", description = "The policy to start from until the database"
            + " has a production model: a checkpoint directory or a registered model version name.")
    String policy;

    /** Optional: without a file the refresh runs with RefreshConfig's defaults. */
    @Mixin ConfigFileOptions config;

    @Option(names = "--nothing-to-do-exit-code", paramLabel = "N", defaultValue = "0",
            description = "Exit code when there is nothing to do (default: ${DEFAULT-VALUE}); e.g. 10 to tell it apart.")
    int nothingToDoExitCode;

    @Mixin ExampleOption example;

    @Override
    public Integer call() {
        if (example.print(() -> BundledText.read(RefreshConfig.class, "/refresh.example.yaml"))) {
            return 0;
        }
        if (db == null || policy == null) {
            throw new IllegalArgumentException("--db and --policy are required: align dpo-refresh --db JDBC_URL"
                    + " --policy DIR_OR_NAME [--config refresh.yaml]");
        }
        RefreshConfig cfg = RefreshConfig.load(config.file, config.sets);
        RefreshResult r;
        try (FeedbackStore store = FeedbackStore.open(db)) {
            r = RefreshJob.withDpo(store, cfg, policy, System.out).run();
        }
        System.out.println(r.status().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ": " + r.message());
        return r.status() == RefreshStatus.NOTHING_TO_DO ? nothingToDoExitCode : r.status().exitCode();
    }
}
