package org.align4j.feedback.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.align4j.datasets.PreferencePair;
import org.align4j.feedback.FeedbackStore;
import org.align4j.feedback.Fixtures;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Simulated doctors of known accuracy. */
class PanelSimulationTest {
    @AutoClose
    private final FeedbackStore store = Fixtures.memoryStore(new Fixtures.MutableClock());

    @Test
    void aPerfectDoctorAgreesWithEveryPairAndAContraryOneWithNone() {
        List<PreferencePair> pairs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            pairs.add(PreferencePair.of("q" + i, "good " + i, "bad " + i));
        }
        Map<String, Double> panel = new LinkedHashMap<>(Map.of("perfect", 1.0));
        panel.put("contrary", 0.0);
        Map<String, Integer> votes = PanelSimulation.run(store, pairs, "panel", panel, Fixtures.PASSWORD.toCharArray(), 3)
                .votes();
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

    @Test
    void aRealisticPanelSharesOnlyTheCalibrationPromptsAndSomePromptsShowOneAnswer() {
        List<PreferencePair> pairs = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            pairs.add(PreferencePair.of("q" + i, "good " + i, "bad " + i));
        }
        Map<String, Double> panel = new LinkedHashMap<>();
        panel.put("dr-a", 1.0);
        panel.put("dr-b", 1.0);
        panel.put("dr-c", 1.0);
        PanelSimulation.Outcome o = PanelSimulation.run(store, pairs, "panel", panel, Fixtures.PASSWORD.toCharArray(),
                5, new PanelSimulation.Design(0.25, 0.5));
        long prompts = store.sql().number("SELECT COUNT(*) FROM prompts");
        long oneAnswer = store.sql().number("SELECT COUNT(*) FROM (SELECT prompt_id FROM responses GROUP BY prompt_id"
                + " HAVING COUNT(*) = 1) x");
        long ratedByAll = store.sql().number("SELECT COUNT(*) FROM (SELECT s.prompt_id FROM ratings r JOIN responses s"
                + " ON s.id = r.response_id GROUP BY s.prompt_id HAVING COUNT(DISTINCT r.user_id) = 3) x");
        long ratedByOne = store.sql().number("SELECT COUNT(*) FROM (SELECT s.prompt_id FROM ratings r JOIN responses s"
                + " ON s.id = r.response_id GROUP BY s.prompt_id HAVING COUNT(DISTINCT r.user_id) = 1) x");
        assertThat(prompts).isEqualTo(400);
        assertThat(ratedByAll).isEqualTo(o.sharedPrompts()).isBetween(70L, 130L); // 100 expected
        assertThat(ratedByOne).isEqualTo(400 - ratedByAll);
        assertThat(oneAnswer).isBetween(160L, 240L); // 200 expected
        assertThat(o.answers()).isEqualTo(800 - oneAnswer);
        // a single answer is the chosen or the rejected one, and every vote of these perfect doctors is right
        assertThat(store.sql().number("SELECT COUNT(*) FROM responses WHERE text LIKE 'bad%'")).isBetween(250L, 350L);
        assertThat(store.sql().number("SELECT COUNT(*) FROM ratings r JOIN responses s ON s.id = r.response_id WHERE"
                + " (s.text LIKE 'good%' AND r.vote = -1) OR (s.text LIKE 'bad%' AND r.vote = 1)")).isZero();
        // every doctor got a share of the prompts nobody else rated
        for (String d : panel.keySet()) {
            assertThat(o.votes().get(d)).isGreaterThan(2 * (int) ratedByAll);
        }
        assertThatThrownBy(() -> new PanelSimulation.Design(1.2, 0)).hasMessageContaining("shared: 1.2");
    }
}
