package org.align4j.datasets.template;

/**
 * A piece of rendered text and whether the model is trained to produce it.
 *
 * @param text the text; never null (may be empty only while building)
 * @param trainable true for an assistant's content and its end-of-turn marker, false for everything else
 */
public record Segment(String text, boolean trainable) {
    public Segment {
        if (text == null) {
            throw new IllegalArgumentException("segment text is null");
        }
    }

    public static Segment prompt(String text) {
        return new Segment(text, false);
    }

    public static Segment trained(String text) {
        return new Segment(text, true);
    }
}
