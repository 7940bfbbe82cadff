package org.align4j.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A DJL block whose children and parameters carry the names of the Hugging Face checkpoint keys
 * they load ({@code h.0.attn.c_attn.weight}), walkable as one ordered name → parameter map.
 *
 * <p>DJL prefixes child names with a counter ({@code 01attn}); this class keeps its own names so
 * that {@link #namedParameters()} yields exactly the state-dict keys. Subclasses expose typed
 * forward methods; {@link #forwardInternal} is implemented by the top-level models only.
 */
public abstract class Module extends AbstractBlock {
    private final Map<String, Block> namedChildren = new LinkedHashMap<>();
    private final Map<String, Parameter> namedParams = new LinkedHashMap<>();
    private final Map<String, ParameterInit> inits = new LinkedHashMap<>();
    private final Map<String, Shape> shapes = new LinkedHashMap<>();

    /** Registers a child block under its checkpoint name. */
    protected final <B extends Block> B child(String name, B block) {
        namedChildren.put(name, block);
        return addChildBlock(name, block);
    }

    /** Declares a parameter with its checkpoint name, shape and how it is initialised. */
    protected final Parameter param(String name, Shape shape, ParameterInit init) {
        // No shape on the Parameter itself: DJL refuses setArray once a shape is set, and loading
        // assigns arrays read from checkpoints. The declared shape is kept here instead.
        Parameter p = Parameter.builder().setName(name).setType(Parameter.Type.OTHER).build();
        namedParams.put(name, p);
        inits.put(name, init);
        shapes.put(name, shape);
        return addParameter(p);
    }

    /** All parameters of this block and its descendants, keyed by their dotted checkpoint names. */
    public final Map<String, Parameter> namedParameters() {
        return collect(m -> m.namedParams);
    }

    /** {@code own} of this block and of every descendant module, keyed by dotted path + own key, parents first. */
    private <V> Map<String, V> collect(Function<Module, Map<String, V>> own) {
        Map<String, V> out = new LinkedHashMap<>();
        collectInto("", own, out);
        return Collections.unmodifiableMap(out);
    }

    private <V> void collectInto(String prefix, Function<Module, Map<String, V>> own, Map<String, V> out) {
        own.apply(this).forEach((n, v) -> out.put(prefix + n, v));
        namedChildren.forEach((n, b) -> {
            if (b instanceof Module m) {
                m.collectInto(prefix + n + ".", own, out);
            }
        });
    }

    /**
     * This block and all its descendant modules, keyed by dotted path ({@code ""} for this block,
     * {@code h.0.attn.c_attn} for a GPT-2 projection), parents before children.
     */
    public final Map<String, Module> namedModules() {
        Map<String, Module> out = new LinkedHashMap<>();
        collectModules("", out);
        return Collections.unmodifiableMap(out);
    }

    private void collectModules(String path, Map<String, Module> out) {
        out.put(path, this);
        namedChildren.forEach((n, b) -> {
            if (b instanceof Module m) {
                m.collectModules(path.isEmpty() ? n : path + "." + n, out);
            }
        });
    }

    /** The declared shape of every parameter, keyed like {@link #namedParameters()}. */
    public final Map<String, Shape> parameterShapes() {
        return collect(m -> m.shapes);
    }

    /**
     * Gives parameter {@code name} the values of {@code array}: the array itself is adopted when the
     * parameter is still empty, otherwise its values are copied into the existing array.
     */
    public final void assign(String name, NDArray array) {
        Parameter p = namedParameters().get(name);
        if (p == null) {
            throw new IllegalArgumentException("no parameter named '" + name + "'");
        }
        Shape expected = parameterShapes().get(name);
        if (!expected.equals(array.getShape())) {
            throw new IllegalArgumentException("parameter '" + name + "' has shape " + expected + ", got " + array.getShape());
        }
        if (p.isInitialized()) {
            array.copyTo(p.getArray());
        } else {
            p.setArray(array);
            array.setRequiresGradient(p.requiresGradient());
        }
    }

    /**
     * Allocates every parameter on {@code manager} and fills it by its {@link ParameterInit}. The
     * engine's random seed must be set before for a reproducible draw.
     */
    public final void initializeWeights(NDManager manager) {
        initializeInto(manager);
    }

    private void initializeInto(NDManager manager) {
        namedParams.forEach((n, p) -> {
            if (!p.isInitialized()) {
                p.setArray(inits.get(n).create(manager, shapes.get(n)));
                p.getArray().setRequiresGradient(p.requiresGradient());
            }
        });
        namedChildren.values().forEach(b -> {
            if (b instanceof Module m) {
                m.initializeInto(manager);
            }
        });
    }

    /** Freezes or unfreezes every parameter below this block (frozen parameters get no gradient). */
    public final void setTrainable(boolean trainable) {
        namedParameters().values().forEach(p -> p.freeze(!trainable));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        throw new IllegalStateException(getClass().getSimpleName()
                + " is called through its typed forward method, not Block.forward");
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        throw new IllegalStateException(getClass().getSimpleName() + " does not infer output shapes");
    }

    /** The data type of this module's parameters (float32 unless loaded otherwise). */
    public DataType dataType() {
        return namedParameters().values().iterator().next().getArray().getDataType();
    }
}
