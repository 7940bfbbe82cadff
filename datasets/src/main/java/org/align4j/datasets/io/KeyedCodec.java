package org.align4j.datasets.io;

/**
 * What the codecs of every data kind share: the kind they read, and the duplicate key as the canonical JSON of the
 * record with its bookkeeping fields cleared, so that two rows are duplicates exactly when they would be written the
 * same once those fields are left out.
 *
 * @param <T> the record type
 */
abstract class KeyedCodec<T> implements RecordCodec<T> {
    private final DataKind kind;

    KeyedCodec(DataKind kind) {
        this.kind = kind;
    }

    @Override
    public final DataKind kind() {
        return kind;
    }

    @Override
    public final String duplicateKey(T value) {
        return toJson(withoutBookkeeping(value)).toString();
    }

    /** {@code value} with the fields that do not make two rows different (ids, sources, weights, ...) cleared. */
    abstract T withoutBookkeeping(T value);
}
