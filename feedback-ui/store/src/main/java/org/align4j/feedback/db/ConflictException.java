package org.align4j.feedback.db;

/**
 * The action conflicts with what is already stored: a doctor rating an answer twice, a user name
 * taken, a lock held by another job. The web layer answers 409.
 */
public final class ConflictException extends StoreException {
    private static final long serialVersionUID = 1L;

    public ConflictException(String message) {
        super(message);
    }
}
