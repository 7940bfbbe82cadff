package org.align4j.feedback.db;

/** The referenced row (answer, user, model version, run) does not exist. The web layer answers 404. */
public final class NotFoundException extends StoreException {
    private static final long serialVersionUID = 1L;

    public NotFoundException(String message) {
        super(message);
    }
}
