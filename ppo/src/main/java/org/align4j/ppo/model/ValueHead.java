package org.align4j.ppo.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.align4j.core.io.SafeTensorsFile;
import org.align4j.core.io.SafeTensorsWriter;
import org.align4j.core.io.TensorDType;
import org.align4j.core.nn.Dense;
import org.align4j.core.nn.Module;

/**
 * The critic's head: a linear map from a trunk's final hidden states to one value per position, as TRL's
 * {@code ValueHead} ({@code v_head.summary}). Saved on its own as {@link #FILE} with TRL's keys
 * ({@code v_head.summary.weight}, {@code v_head.summary.bias}).
 */
public final class ValueHead extends Module {
    /** The file a checkpoint keeps the head in. */
    public static final String FILE = "value_head.safetensors";
    /** The key prefix in {@link #FILE}. */
    public static final String PREFIX = "v_head.";

    private final Dense summary;

    /**
     * @param hiddenSize the trunk's hidden size d
     */
    public ValueHead(long hiddenSize) {
        // std 1/(d+1) as OpenRLHF's critic head: initial values near 0, the scale of normalised rewards.
        this.summary = child("summary", new Dense(hiddenSize, 1, true, 1.0 / (hiddenSize + 1)));
    }

    /** (..., d) → (...): one value per position. */
    public NDArray forward(NDArray hidden) {
        return summary.forward(hidden).squeeze(-1);
    }

    /** Writes the head to {@code file}. */
    public void save(Path file) {
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        namedParameters().forEach((n, p) -> tensors.put(PREFIX + n, p.getArray()));
        SafeTensorsWriter.write(file, tensors, TensorDType.F32);
    }

    /** Restores the head written by {@link #save}; the parameters must already be initialised. */
    public void load(Path file) {
        SafeTensorsFile f = SafeTensorsFile.open(file);
        try (NDManager tmp = NDManager.newBaseManager()) {
            for (Map.Entry<String, Parameter> e : namedParameters().entrySet()) {
                String key = PREFIX + e.getKey();
                if (!f.tensors().containsKey(key)) {
                    throw new IllegalArgumentException(file + ": no tensor '" + key + "'; is this a value head file?");
                }
                assign(e.getKey(), f.load(key, tmp).toType(ai.djl.ndarray.types.DataType.FLOAT32, false));
            }
        }
    }
}
