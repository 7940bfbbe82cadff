package org.align4j.datasets.validate;

import java.util.List;
import org.align4j.datasets.Problem;

/** A data file with problems, refused before any training started. Lists the first problems and the count. */
public final class InvalidDatasetException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient List<Problem> problems;
    private final long problemCount;

    InvalidDatasetException(String message, List<Problem> problems, long problemCount) {
        super(message);
        this.problems = List.copyOf(problems);
        this.problemCount = problemCount;
    }

    /** The first problems (at most the number asked for in {@link LoadOptions#problemsShown()}). */
    public List<Problem> problems() {
        return problems;
    }

    /** How many problems there were in all. */
    public long problemCount() {
        return problemCount;
    }
}
