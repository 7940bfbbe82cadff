package org.align4j.datasets.collate;

/** Counts the tokens of a text; what length checks and statistics need when no ids are required. */
@FunctionalInterface
public interface TokenCounter {
    int count(String text);
}
