package org.align4j.dpo.reference;

/** Which data a batch of pairs comes from: reference log-probs are cached per split. */
public enum DataSplit {
    TRAIN,
    EVAL
}
