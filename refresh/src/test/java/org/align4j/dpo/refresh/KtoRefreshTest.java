package org.align4j.dpo.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.align4j.datasets.PreferencePair;
import org.align4j.dpo.Fixtures;
import org.align4j.eval.GreedyAnswers;
import org.align4j.feedback.FeedbackStore;
import org.align4j.feedback.auth.Role;
import org.align4j.feedback.auth.User;
import org.align4j.feedback.export.UnsafeAnswers;
import org.align4j.feedback.queue.Enqueued;
import org.align4j.feedback.queue.Thumb;
import org.align4j.feedback.refresh.ModelVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real refresh with KTO on the doctors' thumbs, and the gate's veto on an answer marked unsafe. */
class KtoRefreshTest {
    @TempDir Path tmp;

    private static List<String> overrides(Path models, String... more) {
        List<String> o = new ArrayList<>(List.of("models_root=" + models, "min_new_pairs=8", "heldout_fraction=0.25",
                "gate.min_heldout_pairs=2", "max_length=128", "train.batch_size=8", "train.lr=3e-3",
                "train.schedule=constant", "train.log_every=1", "train.max_steps=3"));
        o.addAll(List.of(more));
        return o;
    }

    /** Two doctors rate each pair's answers 👍/👎 (which also makes the pairs); returns the answers' ids. */
    private static List<Long> thumbs(FeedbackStore store, ModelVersion model, List<PreferencePair> pairs) {
        User a = store.users().add("dr-a", "Dr A", "correct horse battery".toCharArray(), Role.DOCTOR);
        User b = store.users().add("dr-b", "Dr B", "correct horse battery".toCharArray(), Role.DOCTOR);
        List<Long> ids = new ArrayList<>();
        for (PreferencePair p : pairs) {
            Enqueued e = store.queue().enqueue(p.plainPrompt(), List.of(p.chosen(), p.rejected()), model.id(), "{}");
            for (User u : List.of(a, b)) {
                store.feedback().rate(u.id(), e.responseIds().get(0), Thumb.UP, null);
                store.feedback().rate(u.id(), e.responseIds().get(1), Thumb.DOWN, null);
            }
            ids.addAll(e.responseIds());
        }
        return ids;
    }

    @Test
    void aKtoRefreshOnTheDoctorsThumbsPromotesThroughTheGate() {
        Path policy = Fixtures.tinyPolicy(tmp.resolve("policy"), 5);
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (FeedbackStore store = FeedbackData.open("jdbc:h2:mem:" + UUID.randomUUID());
                PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
            ModelVersion sft = store.models().register("sft", policy.toString(), null);
            thumbs(store, sft, Fixtures.pairs(24, 31));
            RefreshResult r = RefreshJob.withDpo(store, RefreshConfig.load(null, overrides(tmp.resolve("models"),
                    "dpo.loss=kto", "kto.from_pairs=false")), policy.toString(), out).run();
            String log = buf.toString(StandardCharsets.UTF_8);
            assertThat(r.status()).as(log).isEqualTo(RefreshStatus.PROMOTED);
            assertThat(log).contains("kto: ").contains("desirable").contains("rater dr-a: weight");
            assertThat(r.metrics().get("kto_examples")).isGreaterThan(0.0);
            assertThat(r.metrics().get("candidate_preference_accuracy")).isGreaterThan(0.5);
            assertThat(r.metrics().get("candidate_unsafe_repeats")).isZero();
        }
    }

    @Test
    void aCandidateThatGivesAnAnswerMarkedUnsafeAgainIsVetoed() {
        Path policy = Fixtures.tinyPolicy(tmp.resolve("policy"), 6);
        RefreshConfig cfg = RefreshConfig.load(null, overrides(tmp.resolve("models"), "safety_max_new_tokens=12"));
        DpoRefreshEvaluator evaluator = DpoRefreshEvaluator.create(cfg);
        String prompt = "my baby has a fever of 39.5";
        // What this model answers (greedy) is what a doctor will have marked unsafe.
        String answer;
        try (var m = org.align4j.core.bundle.ModelBundle.load(policy)) {
            answer = GreedyAnswers.of(m, List.of(prompt), 12, 8).get(0);
        }
        try (FeedbackStore store = FeedbackData.open("jdbc:h2:mem:" + UUID.randomUUID())) {
            ModelVersion sft = store.models().register("sft", policy.toString(), null);
            User a = store.users().add("dr-a", "Dr A", "correct horse battery".toCharArray(), Role.DOCTOR);
            Enqueued e = store.queue().enqueue(prompt, List.of(answer + "  "), sft.id(), "{}");
            store.feedback().rate(a.id(), e.responseIds().get(0), Thumb.UNSAFE, null);
            Map<String, Set<String>> flagged = UnsafeAnswers.byPrompt(store);
            assertThat(flagged).containsKey(prompt);
            List<String> repeats = evaluator.unsafeRepeats(policy, flagged);
            assertThat(repeats).singleElement().asString().contains(prompt).contains("marked unsafe");
            Gate.Verdict v = Gate.veto(new Gate.Verdict(true, List.of()), repeats);
            assertThat(v.passed()).isFalse();
            assertThat(v.reasons()).singleElement().asString().startsWith("veto: to \"" + prompt);
            assertThat(evaluator.unsafeRepeats(policy, Map.of(prompt, Set.of(answer + " but different")))).isEmpty();
        }
    }
}
