package org.align4j.feedback.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DatabaseUrlTest {
    @Test
    void aPlainPathBecomesAnH2FileUrlWithDurableCommits() {
        String url = DatabaseUrl.normalise("data/feedback");
        assertThat(url).isEqualTo("jdbc:h2:file:" + Path.of("data/feedback").toAbsolutePath().normalize()
                + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
    }

    @Test
    void theKindOfDatabaseIsTheUrlsSubProtocol() {
        assertThat(DatabaseUrl.kind(DatabaseUrl.normalise("data/feedback"))).isEqualTo("h2");
        assertThat(DatabaseUrl.kind("jdbc:h2:tcp://127.0.0.1:9092/x")).isEqualTo("h2");
        assertThat(DatabaseUrl.kind("jdbc:postgresql://db:5432/feedback?user=align")).isEqualTo("postgresql");
        assertThatThrownBy(() -> DatabaseUrl.kind("data/feedback")).hasMessageContaining("is not a JDBC URL");
    }

    @Test
    void theMvDbSuffixOfAnH2FileIsDropped() {
        assertThat(DatabaseUrl.normalise("/tmp/x/feedback.mv.db")).startsWith("jdbc:h2:file:/tmp/x/feedback;");
    }

    @Test
    void anH2FileUrlGetsWriteDelayZeroAndKeepsItsOwnSettings() {
        assertThat(DatabaseUrl.normalise("jdbc:h2:file:/data/fb;DB_CLOSE_ON_EXIT=TRUE"))
                .isEqualTo("jdbc:h2:file:/data/fb;DB_CLOSE_ON_EXIT=TRUE;WRITE_DELAY=0");
        assertThat(DatabaseUrl.normalise("jdbc:h2:/data/fb;write_delay=0"))
                .isEqualTo("jdbc:h2:/data/fb;write_delay=0;DB_CLOSE_ON_EXIT=FALSE");
    }

    @Test
    void aWriteDelayOtherThanZeroIsRefusedBecauseAcknowledgedRatingsCouldBeLost() {
        assertThatThrownBy(() -> DatabaseUrl.normalise("jdbc:h2:file:/data/fb;WRITE_DELAY=500"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("WRITE_DELAY=500").hasMessageContaining("remove the setting");
    }

    @Test
    void inMemoryAndOtherDatabasesAreLeftAsGiven() {
        assertThat(DatabaseUrl.normalise("jdbc:h2:mem:t1")).isEqualTo("jdbc:h2:mem:t1");
        assertThat(DatabaseUrl.normalise("jdbc:postgresql://db/feedback")).isEqualTo("jdbc:postgresql://db/feedback");
    }

    @Test
    void anEmptyArgumentIsRefused() {
        assertThatThrownBy(() -> DatabaseUrl.normalise(" ")).hasMessageContaining("--db is empty");
    }
}
