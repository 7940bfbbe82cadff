package org.align4j.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateFileTest {
    @TempDir Path tmp;

    @Test
    void aStateRecordRoundTrips() {
        TrainingState s = new TrainingState(3, 12, 1, 42, 10, 0.5, 2, 900, 1.25);
        s.write(tmp);
        assertThat(TrainingState.read(tmp)).isEqualTo(s);
    }

    @Test
    void anUnknownFieldIsAnErrorNamingTheFile() throws Exception {
        TrainingState.initial(42, 5).write(tmp);
        Path f = tmp.resolve(TrainingState.FILE);
        Files.writeString(f, Files.readString(f).replace("{", "{\"surprise\": 1,"));
        assertThatThrownBy(() -> TrainingState.read(tmp)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("cannot read " + f).hasMessageContaining("surprise");
    }

    @Test
    void aMissingFileSaysWhichCheckpointItIsNot() {
        Path state = tmp.resolve("checkpoint-3").resolve(Checkpoints.STATE_DIR);
        assertThatThrownBy(() -> StateFile.read(state, "ppo_state.json", TrainingState.class, "a PPO"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(state.resolve("ppo_state.json") + " is missing: " + tmp.resolve("checkpoint-3")
                        + " is not a PPO checkpoint");
    }
}
