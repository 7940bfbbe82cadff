package org.align4j.ppo.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import java.io.ByteArrayOutputStream;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.align4j.core.model.CausalLanguageModel;
import org.align4j.core.nn.Module;
import org.align4j.core.nn.NoGrad;
import org.align4j.core.train.StopSignal;
import org.align4j.core.train.config.RunConfigLoader;
import org.align4j.ppo.config.PpoConfig;
import org.align4j.ppo.rollout.AnswerScorer;
import org.align4j.ppo.rollout.PromptSet;

/** Tiny PPO runs for tests: a prompts file, a configuration through the real loader, a synthetic reward. */
public final class TinyRun {
    public static final List<String> PROMPTS = List.of("my child has a fever", "what helps a sore throat",
            "chest pain at night", "is rest enough", "when to see a doctor", "can I take two tablets",
            "my ear hurts", "call an ambulance?", "dizzy after food", "water or tea");

    private TinyRun() {}

    /**
     * Runs the engine on one intra-op thread and returns the previous count (give it to
     * {@link #restoreThreads}). With several threads, reductions may sum in an order that changes from run to
     * run; PPO amplifies such 1e-9 differences (Adam's first steps move by about lr·sign(g), and one token
     * sampled differently changes a whole trajectory), so tests that compare runs use one thread.
     */
    public static int singleThread() {
        ai.djl.engine.Engine.getInstance(); // loads the native library
        int previous = JniUtils.getNumThreads();
        JniUtils.setNumThreads(1);
        return previous;
    }

    public static void restoreThreads(int previous) {
        JniUtils.setNumThreads(previous);
    }

    /** A pairs file whose prompts are {@code prompts}. */
    public static Path promptsFile(Path file, List<String> prompts) {
        List<String> lines = new ArrayList<>();
        for (String p : prompts) {
            lines.add("{\"prompt\": \"" + p + "\", \"chosen\": \"see a doctor\", \"rejected\": \"ignore it\"}");
        }
        try {
            Files.write(file, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** A configuration for a tiny run (2 iterations of 8 answers), with {@code extra} overrides last. */
    static PpoConfig config(Path policy, Path prompts, Path out, String... extra) {
        return PpoConfig.load(null, withExtra(List.of("policy=" + policy, "reward_model=" + policy.resolveSibling("no-rm"),
                "prompts.train=" + prompts, "train.output_dir=" + out, "ppo.iterations=2", "ppo.rollout_batch_size=8",
                "ppo.minibatch_size=4", "ppo.micro_batch_size=2", "ppo.ppo_epochs=2", "generation.max_new_tokens=8",
                "train.lr=3e-3", "reward.normalize=false", "eval.every=0", "train.save_every=1",
                "prompts.max_prompt_tokens=100", "ppo.log_samples_every=1", "ppo.samples_logged=2"), extra));
    }

    /** {@code overrides}, then {@code extra}: a test's own overrides come last, so they win. */
    public static List<String> withExtra(List<String> overrides, String... extra) {
        List<String> o = new ArrayList<>(overrides);
        o.addAll(List.of(extra));
        return o;
    }

    /** A reward for vowels and spaces: something a random tiny policy can move towards. */
    static AnswerScorer vowels() {
        return (prompts, answers) -> {
            float[] s = new float[answers.size()];
            for (int i = 0; i < s.length; i++) {
                s[i] = (float) vowelShare(answers.get(i));
            }
            return s;
        };
    }

    /** The vowels and spaces in {@code answer}: the tiny runs' synthetic reward counts these. */
    public static long vowelCount(String answer) {
        return answer.chars().filter(c -> "aeiou ".indexOf(c) >= 0).count();
    }

    /** The share of vowels and spaces among {@code answer}'s characters (0 for an empty answer). */
    public static double vowelShare(String answer) {
        return (double) vowelCount(answer) / Math.max(1, answer.length());
    }

    /** metrics.jsonl of {@code run} without the wall-clock times, which differ between runs. */
    public static List<String> metricsWithoutTimes(Path run) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> out = new ArrayList<>();
        for (String l : Files.readAllLines(run.resolve("metrics.jsonl"))) {
            ObjectNode n = (ObjectNode) json.readTree(l);
            n.remove(List.of("time_generation_s", "time_scoring_s", "time_training_s"));
            out.add(n.toString());
        }
        return out;
    }

    /** Every parameter of {@code expected} has exactly its values in {@code actual}. */
    public static void assertSameValues(Map<String, float[]> actual, Map<String, float[]> expected) {
        assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
        for (String k : expected.keySet()) {
            assertThat(actual.get(k)).as(k).containsExactly(expected.get(k));
        }
    }

    /** Runs {@code cfg} on parts loaded with {@code scorer}; the caller closes the parts. */
    static PpoResult run(PpoConfig cfg, PpoParts parts, StopSignal signal, ByteArrayOutputStream log) {
        PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
        return new PpoTrainer(cfg, parts, RunConfigLoader.toYaml(cfg), signal, out).run();
    }

    /** A scorer that gives every answer the same score 0: the reward model switched off. */
    static AnswerScorer constant() {
        return (prompts, answers) -> new float[answers.size()];
    }

    /**
     * Adds Gaussian noise of standard deviation {@code std} (drawn from {@code seed}) to every parameter of
     * {@code m}, in place: a policy moved away from the reference it was loaded with.
     */
    static void perturb(Module m, double std, long seed) {
        java.util.Random rnd = new java.util.Random(seed);
        try (NoGrad ignored = NoGrad.enter(); NDManager tmp = NDManager.newBaseManager()) {
            m.namedParameters().forEach((n, p) -> {
                float[] v = p.getArray().toFloatArray();
                for (int i = 0; i < v.length; i++) {
                    v[i] += (float) (std * rnd.nextGaussian());
                }
                m.assign(n, tmp.create(v, p.getArray().getShape()));
            });
        }
    }

    /** Sets every parameter of {@code m} to 0, in place. */
    static void zero(Module m) {
        try (NoGrad ignored = NoGrad.enter(); NDManager tmp = NDManager.newBaseManager()) {
            m.namedParameters().forEach((n, p) -> m.assign(n, tmp.zeros(p.getArray().getShape())));
        }
    }

    /** Copies of every parameter's values, by name. */
    public static Map<String, float[]> snapshot(Module m) {
        Map<String, float[]> out = new LinkedHashMap<>();
        m.namedParameters().forEach((n, p) -> out.put(n, p.getArray().toFloatArray()));
        return out;
    }

    /** The names of the parameters whose values differ from {@code before}. */
    public static List<String> changed(Module m, Map<String, float[]> before) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Parameter> e : m.namedParameters().entrySet()) {
            if (!Arrays.equals(e.getValue().getArray().toFloatArray(), before.get(e.getKey()))) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    /**
     * The exact KL(π ‖ π_ref) of the next-token distributions after each prompt, averaged over prompts: how
     * far the policy has moved from the reference where answers start.
     */
    static double exactKl(CausalLanguageModel policy, CausalLanguageModel reference, PromptSet prompts) {
        double sum = 0;
        try (NoGrad ignored = NoGrad.enter(); NDManager m = NDManager.newBaseManager()) {
            for (int i = 0; i < prompts.size(); i++) {
                int[] ids = prompts.get(i).ids();
                NDArray x = m.create(Arrays.stream(ids).asLongStream().toArray(), new Shape(1, ids.length));
                NDArray lp = policy.forward(x, false).get(new NDIndex("0, -1, :")).logSoftmax(0); // (V)
                NDArray lq = reference.forward(x, false).get(new NDIndex("0, -1, :")).logSoftmax(0);
                sum += lp.exp().mul(lp.sub(lq)).sum().getFloat();
            }
        }
        return sum / prompts.size();
    }
}
