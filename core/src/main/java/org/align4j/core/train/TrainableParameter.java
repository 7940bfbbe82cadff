package org.align4j.core.train;

import ai.djl.nn.Parameter;

/**
 * A parameter the optimizer updates, under a stable name (its checkpoint key, used to save and
 * restore optimizer state), and whether decoupled weight decay applies to it.
 */
public record TrainableParameter(String name, Parameter parameter, boolean decay) {
    public TrainableParameter {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a trainable parameter needs a name");
        }
        if (parameter == null || !parameter.isInitialized()) {
            throw new IllegalArgumentException("parameter '" + name + "' is not initialised");
        }
    }
}
