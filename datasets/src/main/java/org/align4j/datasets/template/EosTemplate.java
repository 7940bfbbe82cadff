package org.align4j.datasets.template;

import java.util.List;
import org.align4j.datasets.ChatMessage;

/**
 * A built-in template without a generation header: each answer ends with the tokenizer's EOS text (the
 * stop string), and the model continues straight after the rendered prompt. Alpaca and plain share this.
 */
abstract class EosTemplate implements ChatTemplate {
    private final String name;
    /** The tokenizer's EOS text, which ends every assistant turn. */
    private final String eos;

    EosTemplate(String name, String eos) {
        this.name = name;
        this.eos = eos;
    }

    @Override
    public final String name() {
        return name;
    }

    /** An answer's trainable segment: {@code content} and one EOS. */
    protected final Segment answer(String content) {
        return Segment.trained(Templates.withEnd(content, eos));
    }

    @Override
    public final String renderPrompt(List<ChatMessage> prompt) {
        return Segments.text(render(prompt));
    }

    @Override
    public final String endOfTurn() {
        return eos;
    }
}
