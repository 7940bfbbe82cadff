package org.align4j.core.lora;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import org.align4j.core.nn.Module;
import org.align4j.core.nn.OutputAdapter;
import org.align4j.core.nn.ParameterInit;
import org.align4j.core.nn.Scalars;

/**
 * The adapter of one linear layer: {@code y + scale · B(A(dropout(x)))} with {@code lora_A.weight}
 * (r, in) initialised Kaiming-uniform as PEFT ({@code a = √5}, i.e. U(−1/√in, 1/√in)) and
 * {@code lora_B.weight} (out, r) at zero, so that a fresh adapter leaves the model unchanged.
 */
public final class LoraLayer extends Module implements OutputAdapter {
    private final LoraModel owner;
    private final Parameter a;
    private final Parameter b;
    private final long in;
    private final long out;
    private final boolean fanInFanOut;

    LoraLayer(LoraModel owner, long in, long out, int r, boolean fanInFanOut) {
        this.owner = owner;
        this.in = in;
        this.out = out;
        this.fanInFanOut = fanInFanOut;
        double bound = 1.0 / Math.sqrt(in);
        this.a = param("lora_A.weight", new Shape(r, in),
                (m, s) -> m.randomUniform((float) -bound, (float) bound, s, DataType.FLOAT32));
        this.b = param("lora_B.weight", new Shape(out, r), ParameterInit.zeros());
    }

    @Override
    public NDArray adapt(NDArray x, NDArray y) {
        if (!owner.enabled()) {
            return y;
        }
        NDArray h = owner.training() && owner.config().dropout() > 0
                ? Dropout.dropout(x, (float) owner.config().dropout(), true).head()
                : x;
        NDArray low = Linear.linear(h, a.getArray()).head(); // (..., r)
        NDArray delta = Linear.linear(low, b.getArray()).head(); // (..., out)
        return y.add(Scalars.muli(delta, (float) owner.scale()));
    }

    /** The update of the base weight, {@code scale · B A}, in the base layer's layout: (out, in), or (in, out) for Conv1D. */
    public NDArray deltaWeight(NDManager manager) {
        NDArray ba = b.getArray().matMul(a.getArray()); // (out, in), on b's manager
        ba.attach(manager);
        NDArray scaled = Scalars.muli(ba, (float) owner.scale());
        return fanInFanOut ? scaled.transpose() : scaled;
    }

    public Parameter loraA() {
        return a;
    }

    public Parameter loraB() {
        return b;
    }

    public long inFeatures() {
        return in;
    }

    public long outFeatures() {
        return out;
    }

    /** Whether the base layer stores its weight as (in, out) (GPT-2's Conv1D). */
    public boolean fanInFanOut() {
        return fanInFanOut;
    }
}
