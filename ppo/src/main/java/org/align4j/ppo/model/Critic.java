package org.align4j.ppo.model;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.align4j.core.io.HfCheckpoint;
import org.align4j.core.io.TensorDType;
import org.align4j.core.model.CausalLanguageModel;
import org.align4j.core.model.PretrainedModel;
import org.align4j.core.train.ParameterGroups;
import org.align4j.core.train.TrainableParameter;

/**
 * The value function V(s) of PPO: a {@link ValueHead} either on the policy's own trunk (one model; the
 * value loss trains the shared trunk too) or on a separate causal LM's trunk (a second model, trained only
 * by the value loss). In a checkpoint the head is {@link ValueHead#FILE} and a separate trunk is the
 * Hugging Face directory {@link #TRUNK_DIR}.
 */
public final class Critic implements AutoCloseable {
    /** Where a separate critic's trunk is saved inside a checkpoint. */
    public static final String TRUNK_DIR = "critic";

    private final NDManager headManager;
    private final ValueHead head;
    private final PretrainedModel trunk;

    private Critic(NDManager headManager, ValueHead head, PretrainedModel trunk) {
        this.headManager = headManager;
        this.head = head;
        this.trunk = trunk;
    }

    /** A fresh head on the policy's trunk of hidden size {@code d} (the engine's seed decides its draw). */
    public static Critic onPolicyTrunk(long d) {
        return create(d, null);
    }

    /** A fresh head on the trunk of the causal LM in {@code dir}, which then trains with the value loss. */
    public static Critic separate(Path dir) {
        PretrainedModel m = HfCheckpoint.load(dir);
        try {
            CausalLanguageModel lm = m.causalLm();
            return create(lm.config().hiddenSize(), m);
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }

    private static Critic create(long d, PretrainedModel trunkModel) {
        NDManager manager = NDManager.newBaseManager();
        ValueHead h = new ValueHead(d);
        h.initializeWeights(manager);
        return new Critic(manager, h, trunkModel);
    }

    /** Whether the head reads the policy's hidden states (no trunk of its own). */
    public boolean onPolicy() {
        return trunk == null;
    }

    /** The separate trunk; only when not {@link #onPolicy()}. */
    public CausalLanguageModel trunk() {
        if (trunk == null) {
            throw new IllegalStateException("this critic reads the policy's trunk");
        }
        return trunk.causalLm();
    }

    public ValueHead head() {
        return head;
    }

    /** The head's parameters ({@code v_head.summary.*}) and a separate trunk's ({@code critic.*}). */
    public List<TrainableParameter> trainableParameters() {
        List<TrainableParameter> out = new ArrayList<>();
        for (TrainableParameter p : ParameterGroups.of(head)) {
            out.add(new TrainableParameter(ValueHead.PREFIX + p.name(), p.parameter(), p.decay()));
        }
        if (trunk != null) {
            for (TrainableParameter p : ParameterGroups.of(trunk.module())) {
                out.add(new TrainableParameter(TRUNK_DIR + "." + p.name(), p.parameter(), p.decay()));
            }
        }
        return out;
    }

    /** Writes the head (and a separate trunk) into a checkpoint directory. */
    public void save(Path dir) throws IOException {
        head.save(dir.resolve(ValueHead.FILE));
        if (trunk != null) {
            Path t = Files.createDirectories(dir.resolve(TRUNK_DIR));
            HfCheckpoint.writeInto(trunk, t, TensorDType.F32, HfCheckpoint.DEFAULT_MAX_SHARD_BYTES);
        }
    }

    /** Restores what {@link #save} wrote. */
    public void load(Path dir) {
        head.load(dir.resolve(ValueHead.FILE));
        if (trunk != null) {
            try (PretrainedModel saved = HfCheckpoint.load(dir.resolve(TRUNK_DIR))) {
                saved.module().namedParameters().forEach((n, p) -> trunk.module().assign(n, p.getArray()));
            }
        }
    }

    @Override
    public void close() {
        try {
            if (trunk != null) {
                trunk.close();
            }
        } finally {
            headManager.close();
        }
    }
}
