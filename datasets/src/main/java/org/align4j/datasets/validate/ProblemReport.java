package org.align4j.datasets.validate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.align4j.datasets.Problem;
import org.align4j.datasets.io.Json;
import org.align4j.datasets.io.JsonlWriter;

/**
 * Writes problems as JSONL ({@code {"file", "line", "message", "fix"}} per line), atomically: the report
 * appears only when {@link #commit()} is called.
 */
public final class ProblemReport implements Consumer<Problem>, AutoCloseable {
    private final JsonlWriter writer;

    public ProblemReport(Path target) {
        this.writer = JsonlWriter.create(target);
    }

    /** The JSON form of a problem. */
    public static ObjectNode toJson(Problem p) {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("file", p.file());
        o.put("line", p.line());
        o.put("message", p.message());
        o.put("fix", p.fix());
        return o;
    }

    @Override
    public void accept(Problem p) {
        writer.write(toJson(p));
    }

    public void commit() {
        writer.commit();
    }

    @Override
    public void close() {
        writer.close();
    }
}
