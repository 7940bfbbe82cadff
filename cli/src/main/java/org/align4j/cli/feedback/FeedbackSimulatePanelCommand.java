package org.align4j.cli.feedback;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.align4j.datasets.PreferencePair;
import org.align4j.datasets.io.Codecs;
import org.align4j.datasets.validate.DatasetLoader;
import org.align4j.datasets.validate.LoadOptions;
import org.align4j.feedback.FeedbackStore;
import org.align4j.feedback.queue.PanelSimulation;
import org.align4j.feedback.auth.PasswordHasher;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code align feedback simulate-panel}: fills a database with the 👍/👎 of simulated doctors of known accuracy. */
@Command(name = "simulate-panel", mixinStandardHelpOptions = true,
        description = {"Queue the two answers of each pair and record 👍/👎 from simulated doctors of known accuracy",
            "(chosen 👍, rejected 👎, each vote right with the doctor's probability; 0.5 votes at random): a test bed",
            "for rater-weighted DPO and KTO. Example: --doctors dr-a=0.95,dr-b=0.9,dr-c=0.5",
            "A realistic panel: --shared 0.2 (every doctor rates a fifth of the prompts, one doctor each of the rest)",
            "and --single 0.5 (half the prompts show one answer only: a thumb without a pair)."})
public final class FeedbackSimulatePanelCommand implements Runnable {
    @CommandLine.Mixin DbOption db;

    @Option(names = "--pairs", required = true, paramLabel = "FILE.jsonl", description = "Preference pairs (the truth).")
    Path pairs;

    @Option(names = "--doctors", required = true, split = ",", paramLabel = "NAME=ACCURACY",
            description = "Simulated doctors and the probability that each of their votes is right.")
    Map<String, Double> doctors;

    @Option(names = "--shared", defaultValue = "1", paramLabel = "SHARE",
            description = "Share of the prompts every doctor rates (the calibration items that reliabilities are"
                    + " estimated on); each other prompt goes to one doctor drawn at random (default: ${DEFAULT-VALUE}:"
                    + " everyone rates everything).")
    double shared;

    @Option(names = "--single", defaultValue = "0", paramLabel = "SHARE",
            description = "Share of the prompts that show one answer only, the chosen or the rejected one at random"
                    + " (default: ${DEFAULT-VALUE}).")
    double single;

    @Option(names = "--limit", defaultValue = "0", description = "Use the first N pairs (0: all).")
    int limit;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--model-version", defaultValue = "simulated-panel",
            description = "The model version the answers are queued under (default: ${DEFAULT-VALUE}).")
    String modelVersion;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        PanelSimulation.Design design;
        try {
            design = new PanelSimulation.Design(shared, single);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--" + e.getMessage());
        }
        List<PreferencePair> rows = DatasetLoader.load(pairs, Codecs.PAIRS, LoadOptions.strict()).rows();
        if (limit > 0 && rows.size() > limit) {
            rows = rows.subList(0, limit);
        }
        try (FeedbackStore store = FeedbackStore.open(db.db, new PasswordHasher(), java.time.Clock.systemUTC())) {
            PanelSimulation.Outcome o = PanelSimulation.run(store, rows, modelVersion, new LinkedHashMap<>(doctors),
                    "simulated-panel-password".toCharArray(), seed, design);
            spec.commandLine().getOut().println("queued " + o.answers() + " answers to " + rows.size() + " prompts ("
                    + o.sharedPrompts() + " rated by every doctor, each other by one); votes: " + o.votes());
        }
    }
}
