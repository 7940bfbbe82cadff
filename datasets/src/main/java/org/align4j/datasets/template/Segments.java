package org.align4j.datasets.template;

import java.util.ArrayList;
import java.util.List;

/** Operations on rendered segments. */
public final class Segments {
    private Segments() {}

    /** The segments' text joined. */
    public static String text(List<Segment> segments) {
        StringBuilder sb = new StringBuilder();
        for (Segment s : segments) {
            sb.append(s.text());
        }
        return sb.toString();
    }

    /**
     * Joins neighbours with the same trainable flag, drops empty segments and the untrainable tail after the
     * last trainable segment (e.g. the newline after a final {@code <|im_end|>}: a sequence ends where the
     * model stops). Encoding the result run by run keeps the loss mask exact and tokenises a single-turn
     * prompt exactly as {@link ChatTemplate#renderPrompt} does at generation time.
     */
    public static List<Segment> runs(List<Segment> segments) {
        List<Segment> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean flag = false;
        for (Segment s : segments) {
            if (s.text().isEmpty()) {
                continue;
            }
            if (current.length() > 0 && s.trainable() != flag) {
                out.add(new Segment(current.toString(), flag));
                current.setLength(0);
            }
            flag = s.trainable();
            current.append(s.text());
        }
        if (current.length() > 0) {
            out.add(new Segment(current.toString(), flag));
        }
        while (!out.isEmpty() && !out.get(out.size() - 1).trainable()) {
            out.remove(out.size() - 1);
        }
        return out;
    }
}
