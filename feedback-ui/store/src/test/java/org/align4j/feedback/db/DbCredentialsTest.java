package org.align4j.feedback.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DbCredentialsTest {
    private static final String PG = "jdbc:postgresql://db.example/feedback?user=align&sslmode=verify-full";

    @TempDir Path dir;

    @Test
    void thePasswordComesFromTheEnvironmentOrAFile() throws Exception {
        assertThat(DbCredentials.of(PG, Map.of("ALIGN_DB_PASSWORD", "s3cret")).password()).contains("s3cret");
        Path f = dir.resolve("pw");
        Files.writeString(f, "from file\n");
        assertThat(DbCredentials.of(PG, Map.of("ALIGN_DB_PASSWORD_FILE", f.toString()))).isEqualTo(
                new DbCredentials(Optional.empty(), Optional.of("from file")));
        assertThat(DbCredentials.of(PG, Map.of("ALIGN_DB_USER", "ops")).user()).contains("ops");
        assertThat(DbCredentials.of(PG, Map.of())).isEqualTo(new DbCredentials(Optional.empty(), Optional.empty()));
        assertThat(DbCredentials.of("jdbc:h2:file:/x/feedback", Map.of("ALIGN_DB_PASSWORD", "s3cret")).password()).isEmpty();
    }

    @Test
    void aPasswordInTheUrlOrTwoSourcesAreRefusedNamingTheFix() {
        assertThatThrownBy(() -> DbCredentials.of(PG + "&password=oops", Map.of()))
                .hasMessageContaining("contains a password").hasMessageContaining("ALIGN_DB_PASSWORD").hasMessageNotContaining("oops");
        assertThatThrownBy(() -> DbCredentials.of(PG, Map.of("ALIGN_DB_PASSWORD", "a", "ALIGN_DB_PASSWORD_FILE", "/x")))
                .hasMessageContaining("keep one");
        assertThatThrownBy(() -> DbCredentials.of(PG, Map.of("ALIGN_DB_PASSWORD_FILE", dir.resolve("missing").toString())))
                .hasMessageContaining("ALIGN_DB_PASSWORD_FILE=").hasMessageContaining("cannot be read");
    }
}
