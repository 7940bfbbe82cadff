package org.align4j.feedback.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.align4j.datasets.PreferencePair;
import org.align4j.feedback.FeedbackStore;
import org.align4j.feedback.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Simulated doctors of known accuracy. */
class PanelSimulationTest {
    private final FeedbackStore store = Fixtures.memoryStore(new Fixtures.MutableClock(Instant.parse("2025-06-01T08:00:00Z")));

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aPerfectDoctorAgreesWithEveryPairAndAContraryOneWithNone() {
        List<PreferencePair> pairs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            pairs.add(PreferencePair.of("q" + i, "good " + i, "bad " + i));
        }
        Map<String, Double> panel = new LinkedHashMap<>(Map.of("perfect", 1.0));
        panel.put("contrary", 0.0);
        Map<String, Integer> votes = PanelSimulation.run(store, pairs, "panel", panel, Fixtures.PASSWORD.toCharArray(), 3);
        assertThat(votes).containsEntry("perfect", 40).containsEntry("contrary", 40);
        assertThat(store.sql().number("SELECT COUNT(*) FROM ratings r JOIN users u ON u.id = r.user_id JOIN responses s"
                + " ON s.id = r.response_id WHERE u.username = 'perfect' AND ((s.text LIKE 'good%' AND r.vote = 1)"
                + " OR (s.text LIKE 'bad%' AND r.vote = -1))")).isEqualTo(40);
        assertThat(store.sql().number("SELECT COUNT(*) FROM ratings r JOIN users u ON u.id = r.user_id JOIN responses s"
                + " ON s.id = r.response_id WHERE u.username = 'contrary' AND ((s.text LIKE 'good%' AND r.vote = 1)"
                + " OR (s.text LIKE 'bad%' AND r.vote = -1))")).isZero();
        assertThatThrownBy(() -> PanelSimulation.run(store, pairs, "panel", Map.of("x", 1.5), "pw".toCharArray(), 1))
                .hasMessageContaining("accuracy 1.5 is not in [0, 1]");
    }
}
