package org.align4j.core.precision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.align4j.core.train.StateFile;

/**
 * Dynamic loss scaling for fp16 training (Micikevicius et al. 2018, "Mixed Precision Training"), with the
 * defaults and state machine of {@code torch.cuda.amp.GradScaler}: the loss is multiplied by {@link #scale()}
 * before backward so that small gradients survive in fp16; a step whose gradients overflow (inf/NaN) is
 * skipped and the scale multiplied by {@code backoff}; after {@code growthInterval} good steps in a row the
 * scale is multiplied by {@code growth}. The state saves to {@link #FILE} so that a resumed run continues
 * with the same scale.
 */
public final class LossScaler {
    /** The state file inside a checkpoint's {@code training_state/}. */
    public static final String FILE = "loss_scaler.json";

    /** Below this the scale is not lowered further: gradients that overflow even here are not an fp16 range problem. */
    public static final double MIN_SCALE = 1.0 / (1 << 24);

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What {@link #update} decided. */
    public enum Decision {
        /** The gradients were finite: the optimizer step was taken. */
        STEP,
        /** The gradients were finite and the scale grew. */
        STEP_AND_GROW,
        /** The gradients overflowed: the step is skipped and the scale shrank. */
        SKIP_AND_SHRINK
    }

    private final double growth;
    private final double backoff;
    private final int growthInterval;
    private double scale;
    private int goodSteps;
    private long skipped;

    /** GradScaler's defaults: initial scale 2¹⁶, growth 2, backoff 0.5, growth interval 2000. */
    public LossScaler() {
        this(65536.0, 2.0, 0.5, 2000);
    }

    public LossScaler(double initialScale, double growth, double backoff, int growthInterval) {
        if (!(initialScale > 0) || !Double.isFinite(initialScale)) {
            throw new IllegalArgumentException("initial loss scale must be finite and > 0, got " + initialScale);
        }
        if (!(growth > 1)) {
            throw new IllegalArgumentException("loss scale growth must be > 1, got " + growth);
        }
        if (!(backoff > 0 && backoff < 1)) {
            throw new IllegalArgumentException("loss scale backoff must be in (0, 1), got " + backoff);
        }
        if (growthInterval < 1) {
            throw new IllegalArgumentException("loss scale growth interval must be >= 1, got " + growthInterval);
        }
        this.scale = initialScale;
        this.growth = growth;
        this.backoff = backoff;
        this.growthInterval = growthInterval;
    }

    /** The factor the loss is multiplied by before backward. */
    public double scale() {
        return scale;
    }

    /** Good steps since the last change of scale. */
    public int goodSteps() {
        return goodSteps;
    }

    /** Steps skipped for overflow so far. */
    public long skippedSteps() {
        return skipped;
    }

    /**
     * Records whether this step's gradients were finite and moves the state machine.
     *
     * @param step the optimizer step, named in the error
     * @throws IllegalStateException when the scale would fall below {@link #MIN_SCALE}: the gradients are not
     *     finite at any scale (the model or the data produce inf/NaN)
     */
    public Decision update(boolean finite, long step) {
        if (!finite) {
            goodSteps = 0;
            skipped++;
            double next = scale * backoff;
            if (next < MIN_SCALE) {
                throw new IllegalStateException("step " + step + ": gradients are inf/NaN even at a loss scale of "
                        + scale + "; the model or the data produce non-finite values (check the learning rate and"
                        + " the inputs), or train with precision fp32");
            }
            scale = next;
            return Decision.SKIP_AND_SHRINK;
        }
        goodSteps++;
        if (goodSteps >= growthInterval) {
            goodSteps = 0;
            scale *= growth;
            return Decision.STEP_AND_GROW;
        }
        return Decision.STEP;
    }

    /** Writes {@link #FILE} into {@code dir}. */
    public void save(Path dir) {
        ObjectNode o = JSON.createObjectNode();
        o.put("scale", scale);
        o.put("good_steps", goodSteps);
        o.put("skipped_steps", skipped);
        o.put("growth", growth);
        o.put("backoff", backoff);
        o.put("growth_interval", growthInterval);
        StateFile.write(dir, FILE, o);
    }

    /**
     * Restores the state written by {@link #save}.
     *
     * @return false (state unchanged) when {@code dir} has no {@link #FILE}: a checkpoint of an fp32 run
     */
    public boolean load(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try {
            JsonNode o = JSON.readTree(Files.readString(file));
            double s = o.path("scale").asDouble(Double.NaN);
            if (!(s > 0) || !Double.isFinite(s)) {
                throw new IllegalArgumentException(file + ": 'scale' must be a finite number > 0, got " + o.path("scale"));
            }
            scale = s;
            goodSteps = o.path("good_steps").asInt();
            skipped = o.path("skipped_steps").asLong();
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
