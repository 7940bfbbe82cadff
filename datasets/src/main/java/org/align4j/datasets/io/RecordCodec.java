package org.align4j.datasets.io;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Converts one kind of record to and from its JSON object.
 *
 * @param <T> the record type
 */
public interface RecordCodec<T> {
    /** The kind of data this codec reads. */
    DataKind kind();

    /**
     * Reads a record.
     *
     * @throws org.align4j.datasets.InvalidRecordException with what is wrong and how to fix it
     */
    T fromJson(ObjectNode json);

    /** Writes a record in the plainest form that keeps all of it. */
    ObjectNode toJson(T value);

    /**
     * The content that makes two rows duplicates (ids and bookkeeping fields left out), as canonical JSON.
     */
    String duplicateKey(T value);
}
