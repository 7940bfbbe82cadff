package org.align4j.feedback.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.align4j.feedback.FeedbackStore;
import org.align4j.feedback.Fixtures;
import org.align4j.feedback.auth.User;
import org.align4j.feedback.db.ConflictException;
import org.align4j.feedback.db.NotFoundException;
import org.align4j.feedback.pairs.Choice;
import org.align4j.feedback.refresh.ModelVersion;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class QueueTest {
    @AutoClose
    private final FeedbackStore store = Fixtures.memoryStore();
    private final ModelVersion model = Fixtures.model(store, "sft-1");
    private final User ann = Fixtures.doctor(store, "ann");
    private final User bob = Fixtures.doctor(store, "bob");

    @Test
    void enqueueStoresAnswersWithTheirModelVersionAndSettings() {
        Enqueued e = store.queue().enqueue("高血压患者可以喝咖啡吗？", List.of("适量可以。", "不可以。"), model.id(),
                "{\"temperature\": 0.7, \"seed\": 3}");
        assertThat(e.responseIds()).hasSize(2);
        List<String> rows = store.sql().read(tx -> tx.list(
                "SELECT r.text || '|' || m.name || '|' || r.generation_settings FROM responses r JOIN model_versions m"
                        + " ON m.id = r.model_version_id ORDER BY r.id", rs -> rs.getString(1)));
        assertThat(rows).containsExactly("适量可以。|sft-1|{\"temperature\":0.7,\"seed\":3}", "不可以。|sft-1|{\"temperature\":0.7,\"seed\":3}");
    }

    @Test
    void theSamePromptTextIsStoredOnceSoAnswersOfTwoModelsCanBeCompared() {
        ModelVersion other = Fixtures.model(store, "dpo-1");
        Enqueued a = Fixtures.enqueue(store, model, "Is aspirin safe?", "Usually.");
        Enqueued b = Fixtures.enqueue(store, other, "Is aspirin safe?", "It depends.");
        assertThat(a.promptId()).isEqualTo(b.promptId());
        assertThat(store.queueReader().nextToCompare(ann.id())).isPresent();
    }

    @Test
    void enqueueRefusesBadInputWithoutWritingAnything() {
        assertThatThrownBy(() -> store.queue().enqueue(" ", List.of("a"), model.id(), null)).hasMessageContaining("prompt is empty");
        assertThatThrownBy(() -> store.queue().enqueue("q", List.of(), model.id(), null)).hasMessageContaining("answers is empty");
        assertThatThrownBy(() -> store.queue().enqueue("q", List.of("a"), model.id(), "[1]")).hasMessageContaining("JSON object");
        assertThatThrownBy(() -> store.queue().enqueue("q", List.of("a"), model.id(), "{bad")).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> store.queue().enqueue("q", List.of("a"), 999, null))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("model version 999");
        assertThat(store.sql().number("SELECT COUNT(*) FROM prompts")).isZero();
    }

    @Test
    void eachDoctorSeesEachAnswerOnceOldestFirst() {
        Enqueued e1 = Fixtures.enqueue(store, model, "q1", "a1", "a2");
        Enqueued e2 = Fixtures.enqueue(store, model, "q2", "a3");
        long r1 = e1.responseIds().get(0);
        long r2 = e1.responseIds().get(1);
        long r3 = e2.responseIds().get(0);

        assertThat(store.queueReader().nextToRate(ann.id()).orElseThrow().responseId()).isEqualTo(r1);
        store.feedback().rate(ann.id(), r1, Thumb.UP, null);
        RateItem next = store.queueReader().nextToRate(ann.id()).orElseThrow();
        assertThat(next).isEqualTo(new RateItem(r2, e1.promptId(), "q1", "a2"));
        store.feedback().skipAnswer(ann.id(), r2);
        store.feedback().skipAnswer(ann.id(), r2);
        assertThat(store.queueReader().nextToRate(ann.id()).orElseThrow().responseId()).isEqualTo(r3);
        store.feedback().correct(ann.id(), r3, "better a3", null);
        assertThat(store.queueReader().nextToRate(ann.id())).isEmpty();

        assertThat(store.queueReader().nextToRate(bob.id()).orElseThrow().responseId()).isEqualTo(r1);
    }

    @Test
    void aDoctorCannotRateTheSameAnswerTwice() {
        long r = Fixtures.enqueue(store, model, "q", "a").responseIds().get(0);
        store.feedback().rate(ann.id(), r, Thumb.DOWN, "wrong dose");
        assertThatThrownBy(() -> store.feedback().rate(ann.id(), r, Thumb.UP, null))
                .isInstanceOf(ConflictException.class).hasMessage("you have already rated answer " + r);
        assertThat(store.sql().number("SELECT COUNT(*) FROM ratings")).isEqualTo(1);
        String comment = store.sql().read(tx -> tx.one("SELECT comment FROM ratings", rs -> rs.getString(1))).orElseThrow();
        assertThat(comment).isEqualTo("wrong dose");
    }

    @Test
    void ratingAMissingAnswerIsNotFound() {
        assertThatThrownBy(() -> store.feedback().rate(ann.id(), 4242, Thumb.UP, null))
                .isInstanceOf(NotFoundException.class).hasMessage("answer 4242 does not exist");
        assertThatThrownBy(() -> store.feedback().skipAnswer(ann.id(), 4242)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void comparisonPairsComeOnceEachWithRandomSides() {
        Enqueued e = Fixtures.enqueue(store, model, "q", "a1", "a2", "a3");
        Set<Set<Long>> seen = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            CompareItem item = store.queueReader().nextToCompare(ann.id()).orElseThrow();
            assertThat(item.promptId()).isEqualTo(e.promptId());
            assertThat(seen.add(Set.of(item.responseAId(), item.responseBId()))).isTrue();
            if (i == 2) {
                store.feedback().skipPair(ann.id(), item.responseBId(), item.responseAId());
            } else {
                store.feedback().compare(ann.id(), item.responseAId(), item.responseBId(), Choice.A, null);
            }
        }
        assertThat(store.queueReader().nextToCompare(ann.id())).isEmpty();
        assertThat(seen).hasSize(3);
    }

    @Test
    void bothSidesOfOnePairAreShownLeftSometimes() {
        Fixtures.enqueue(store, model, "q", "a1", "a2");
        Set<Long> left = new HashSet<>();
        for (int i = 0; i < 64 && left.size() < 2; i++) {
            left.add(store.queueReader().nextToCompare(ann.id()).orElseThrow().responseAId());
        }
        assertThat(left).hasSize(2);
    }

    @Test
    void comparingAnswersOfDifferentPromptsOrTwiceIsRefused() {
        long a = Fixtures.enqueue(store, model, "q1", "a1", "a2").responseIds().get(0);
        long b = Fixtures.enqueue(store, model, "q2", "b1").responseIds().get(0);
        assertThatThrownBy(() -> store.feedback().compare(ann.id(), a, b, Choice.A, null))
                .hasMessageContaining("answer different prompts");
        assertThatThrownBy(() -> store.feedback().compare(ann.id(), a, a, Choice.A, null))
                .hasMessageContaining("two different answers");
        store.feedback().compare(ann.id(), a, a + 1, Choice.BOTH_BAD, null);
        assertThatThrownBy(() -> store.feedback().compare(ann.id(), a + 1, a, Choice.A, null))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void correctionsAndCommentsAreChecked() {
        long r = Fixtures.enqueue(store, model, "q", "a").responseIds().get(0);
        assertThatThrownBy(() -> store.feedback().correct(ann.id(), r, "  ", null)).hasMessageContaining("corrected answer is empty");
        assertThatThrownBy(() -> store.feedback().rate(ann.id(), r, Thumb.UP, "x".repeat(10_001))).hasMessageContaining("at most 10000");
        store.feedback().correct(ann.id(), r, "better", "  ");
        assertThatThrownBy(() -> store.feedback().correct(ann.id(), r, "again", null)).isInstanceOf(ConflictException.class);
    }
}
