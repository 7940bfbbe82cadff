package org.align4j.dpo.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.align4j.core.bundle.ModelBundle;
import org.align4j.dpo.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DPO's truncation is align4j's own and counted as every stage counts it. */
class EncodedPairsTest {
    @TempDir Path tmp;

    @Test
    void pairsLongerThanMaxLengthAreTruncatedByOurRuleAndCounted() {
        try (ModelBundle p = ModelBundle.load(Fixtures.tinyPolicy(tmp.resolve("p"), 2))) {
            EncodedPairs whole = EncodedPairs.encode("train", Fixtures.pairs(6, 3), p.encoder(), 512);
            assertThat(whole.truncationNote()).isNull();
            int longest = whole.tokens().stream().mapToInt(t -> Math.max(t.chosen().length(), t.rejected().length()))
                    .max().orElseThrow();
            EncodedPairs cut = EncodedPairs.encode("train", Fixtures.pairs(6, 3), p.encoder(), longest - 2);
            assertThat(cut.truncation().truncated()).isPositive();
            assertThat(cut.truncation().dropped()).isZero();
            assertThat(cut.truncationNote()).startsWith("train: " + cut.truncation().truncated()
                    + " examples truncated, 0 dropped (of 6) at max_length " + (longest - 2));
            assertThat(cut.tokens()).allSatisfy(t -> assertThat(Math.max(t.chosen().length(), t.rejected().length()))
                    .isLessThanOrEqualTo(longest - 2));
        }
    }
}
