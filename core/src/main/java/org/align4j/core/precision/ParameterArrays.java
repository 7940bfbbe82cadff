package org.align4j.core.precision;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import java.lang.reflect.Field;
import java.util.Collection;
import org.align4j.core.nn.NoGrad;

/**
 * Replacing the array of an initialised DJL {@link Parameter}, which DJL 0.35.1 does not allow: its
 * {@code setArray} throws once a shape is set, and it sets the shape with the array. This is the one place
 * that clears that field (by reflection) so that a model's weights can change data type in place.
 */
public final class ParameterArrays {
    private static final Field SHAPE;

    static {
        try {
            SHAPE = Parameter.class.getDeclaredField("shape");
            SHAPE.setAccessible(true);
        } catch (NoSuchFieldException e) {
            throw new ExceptionInInitializerError("DJL's Parameter has no 'shape' field any more: " + e);
        }
    }

    private ParameterArrays() {}

    /** Gives {@code p} the array {@code array} (same shape), keeping whether it requires a gradient; the old one is closed. */
    public static void replace(Parameter p, NDArray array) {
        NDArray old = p.getArray();
        if (!old.getShape().equals(array.getShape())) {
            throw new IllegalArgumentException("parameter '" + p.getName() + "' has shape " + old.getShape()
                    + ", the replacement " + array.getShape());
        }
        try {
            SHAPE.set(p, null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot replace the array of parameter '" + p.getName() + "'", e);
        }
        p.setArray(array);
        array.setRequiresGradient(p.requiresGradient());
        if (old != array) {
            old.close();
        }
    }

    /**
     * Converts every floating-point parameter in {@code params} to {@code type} (on the same manager and
     * device); others (and those already of that type) are left alone.
     *
     * @return the number of parameters converted
     */
    public static int cast(Collection<Parameter> params, DataType type) {
        int n = 0;
        try (NoGrad ignored = NoGrad.enter()) {
            for (Parameter p : params) {
                NDArray a = p.getArray();
                if (a.getDataType().isFloating() && a.getDataType() != type) {
                    replace(p, a.toType(type, true));
                    n++;
                }
            }
        }
        return n;
    }

    /**
     * Puts {@code array} in place of {@code p}'s array without closing either, and returns the one it held:
     * for a moment in which saving or loading should see other arrays (fp32 masters of fp16 weights).
     */
    public static NDArray swap(Parameter p, NDArray array) {
        NDArray old = p.getArray();
        try {
            SHAPE.set(p, null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot swap the array of parameter '" + p.getName() + "'", e);
        }
        String name = old.getName();
        p.setArray(array);
        old.setName(name);
        return old;
    }
}
