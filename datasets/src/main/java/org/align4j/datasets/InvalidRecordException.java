package org.align4j.datasets;

/**
 * A data record that breaks a rule of its format. Carries what is wrong and what to do about it separately,
 * so that a validator can print {@code FILE:LINE: problem (fix)}.
 */
public final class InvalidRecordException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String problem;
    private final String fix;

    public InvalidRecordException(String problem, String fix) {
        super(problem + " (" + fix + ")");
        this.problem = problem;
        this.fix = fix;
    }

    /** What is wrong, e.g. {@code "chosen" is empty}. */
    public String problem() {
        return problem;
    }

    /** What the user should do, e.g. {@code give the preferred answer}. */
    public String fix() {
        return fix;
    }

    /** The same problem, with a location (e.g. {@code messages[2]}) put in front of the message. */
    public InvalidRecordException at(String where) {
        return new InvalidRecordException(where + ": " + problem, fix);
    }

    static String requireText(String value, String field, String fix) {
        if (value == null) {
            throw new InvalidRecordException("\"" + field + "\" is missing", fix);
        }
        if (value.isBlank()) {
            throw new InvalidRecordException("\"" + field + "\" is empty", fix);
        }
        return value;
    }
}
