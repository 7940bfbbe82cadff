package org.align4j.cli.feedback;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.align4j.cli.CausalLmOptions;
import org.align4j.cli.CountOptions;
import org.align4j.cli.generate.SamplingOptions;
import org.align4j.core.bundle.ModelBundle;
import org.align4j.core.generate.GeneratedSequence;
import org.align4j.core.generate.SamplingConfig;
import org.align4j.datasets.ChatMessage;
import org.align4j.feedback.FeedbackStore;
import org.align4j.feedback.queue.AnswersFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code align feedback enqueue}: the batch job that answers questions with a model and puts the
 * answers, with the model version and generation settings that produced them, in the doctors' queue.
 * All answers are generated before the database is touched, so a failed run queues nothing.
 */
@Command(name = "enqueue", mixinStandardHelpOptions = true,
        description = "Generate answers with a model and put them in the doctors' queue.")
public final class FeedbackEnqueueCommand implements Runnable {
    /** Sequences generated together: large enough to use both cores, small enough to pad little. */
    private static final int BATCH = 16;

    @CommandLine.Mixin DbOption db;

    /** The policy that answers; it needs its tokenizer. */
    @CommandLine.Mixin CausalLmOptions model;

    @Option(names = "--prompts", required = true, paramLabel = "FILE.jsonl",
            description = "questions: {\"prompt\": ...} or rows of a data file (sft, pairs, ratings, unpaired), one a"
                    + " line; a row's question is the last user turn of its prompt")
    Path prompts;

    @Option(names = "--samples-per-prompt", defaultValue = "2", description = "answers per question (default: ${DEFAULT-VALUE}; 2 enables comparisons)")
    int samples;

    @Option(names = "--model-version", paramLabel = "NAME", description = "version name recorded with the answers (default: the directory name)")
    String versionName;

    /** Sampled, not greedy: two answers to one question differ, so the doctors have a comparison to make. */
    @CommandLine.Mixin SamplingOptions sampling = new SamplingOptions(96, 0.8, 0.95, 42);

    @Option(names = "--limit", description = "queue at most this many questions")
    Integer limit;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        CountOptions.atLeastOne("--samples-per-prompt", samples);
        List<String> questions = EnqueuePrompts.read(prompts);
        if (limit != null) {
            questions = questions.subList(0, Math.min(limit, questions.size()));
        }
        List<AnswersFile.Row> answered = new ArrayList<>();
        ObjectNode settings = new ObjectMapper().createObjectNode();
        try (ModelBundle policy = model.load()) {
            SamplingConfig cfg = sampling.config(policy.generation(sampling.maxNewTokens()));
            sampling.record(settings).put("template", policy.template().name());
            List<int[]> encoded = new ArrayList<>();
            for (String q : questions) {
                int[] ids = policy.promptIds(List.of(ChatMessage.user(q)));
                for (int s = 0; s < samples; s++) {
                    encoded.add(ids);
                }
            }
            List<GeneratedSequence> out = policy.generate(encoded, cfg, BATCH);
            for (int i = 0; i < questions.size(); i++) {
                List<String> forQuestion = new ArrayList<>();
                for (int s = 0; s < samples; s++) {
                    forQuestion.add(out.get(i * samples + s).text().strip());
                }
                answered.add(new AnswersFile.Row(questions.get(i), forQuestion, settings.toString()));
            }
        }
        String name = versionName != null ? versionName : model.dir().toAbsolutePath().normalize().getFileName().toString();
        try (FeedbackStore store = FeedbackStore.open(db.db)) {
            AnswerQueue.Queued q = AnswerQueue.add(store, name, model.dir().toAbsolutePath().normalize().toString(), answered);
            spec.commandLine().getOut().printf("queued %d answers to %d questions from model version %s (id %d)%n",
                    q.answers(), questions.size(), q.version().name(), q.version().id());
        }
    }
}
