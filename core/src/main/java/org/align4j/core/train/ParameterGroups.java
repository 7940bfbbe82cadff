package org.align4j.core.train;

import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.align4j.core.nn.EmbeddingTable;
import org.align4j.core.nn.Module;

/**
 * Splits a module's trainable parameters into the two AdamW groups. The rule (the one of GPT-2,
 * nanoGPT and Hugging Face's Trainer, plus embeddings): <b>weight decay applies to parameters with
 * two or more dimensions that are not embedding tables</b>; biases, LayerNorm/RMSNorm gains (1-D) and
 * token/position embeddings (including an output head tied to them) are not decayed.
 */
public final class ParameterGroups {
    private ParameterGroups() {}

    /** The parameters of {@code module} that require gradients, in order, each with its decay flag. */
    public static List<TrainableParameter> of(Module module) {
        Set<Parameter> embeddings = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Module m : module.namedModules().values()) {
            if (m instanceof EmbeddingTable e) {
                embeddings.add(e.weight());
            }
        }
        List<TrainableParameter> out = new ArrayList<>();
        Set<Parameter> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Map.Entry<String, Parameter> e : module.namedParameters().entrySet()) {
            Parameter p = e.getValue();
            if (!p.requiresGradient() || !seen.add(p)) {
                continue;
            }
            out.add(new TrainableParameter(e.getKey(), p, decays(p, embeddings.contains(p))));
        }
        return out;
    }

    /** The decay rule for one parameter. */
    public static boolean decays(Parameter p, boolean isEmbedding) {
        return !isEmbedding && p.getArray().getShape().dimension() >= 2;
    }
}
