package org.align4j.datasets.collate;

import java.util.List;
import org.align4j.datasets.ChatMessage;
import org.align4j.datasets.PreferencePair;
import org.align4j.datasets.Rating;
import org.align4j.datasets.SftExample;
import org.align4j.datasets.UnpairedExample;
import org.align4j.datasets.template.ChatTemplate;
import org.align4j.datasets.template.Segment;
import org.align4j.datasets.template.Segments;

/**
 * Measures examples in tokens after templating, the way {@link SequenceEncoder} would encode them, but with
 * any {@link TokenCounter} (e.g. the {@link ApproximateTokenCounter} when no tokenizer is at hand): the one rule
 * for a row's length that training's encoder, {@code align data validate --max-tokens} and {@code align data stats}
 * share. Prompts include the BOS when {@code addsBos}; responses never do.
 *
 * @param template the chat template
 * @param counter counts tokens of a text without special tokens
 * @param addsBos whether the model's sequences start with a BOS token
 */
public record LengthMeter(ChatTemplate template, TokenCounter counter, boolean addsBos) {
    /**
     * A sequence's tokens in two parts: those never trained on (the BOS, system and user turns, template markup
     * before each answer) and those trained on (the answers and their end-of-turn markers).
     */
    public record Parts(int prompt, int trained) {
        public int total() {
            return prompt + trained;
        }
    }

    /** The tokens of a whole SFT example. */
    public int sft(SftExample example) {
        return sftParts(example).total();
    }

    /** The tokens of a whole SFT example, split as {@link SequenceEncoder#encode(SftExample)} masks them. */
    public Parts sftParts(SftExample example) {
        int prompt = bos();
        int trained = 0;
        for (Segment run : Segments.runs(template.render(example))) {
            if (run.trainable()) {
                trained += counter.count(run.text());
            } else {
                prompt += counter.count(run.text());
            }
        }
        return new Parts(prompt, trained);
    }

    /** The tokens of a prompt with its generation prompt. */
    public int prompt(List<ChatMessage> prompt) {
        return bos() + counter.count(template.renderPrompt(prompt));
    }

    /** The tokens of a response appended to a prompt, without the prompt. */
    public int response(List<ChatMessage> prompt, String response) {
        return count(Segments.runs(template.renderCompletion(prompt, response)));
    }

    /** Prompt and the longer of the two answers: the longest sequence the pair makes. */
    public int pair(PreferencePair p) {
        return prompt(p.prompt()) + Math.max(response(p.prompt(), p.chosen()), response(p.prompt(), p.rejected()));
    }

    /** Prompt and rated response. */
    public int rating(Rating r) {
        return prompt(r.prompt()) + response(r.prompt(), r.response());
    }

    /** Prompt and labelled completion, the sequence KTO trains on. */
    public int unpaired(UnpairedExample u) {
        return prompt(u.prompt()) + response(u.prompt(), u.completion());
    }

    /** The length of any record type of this module. */
    public int length(Object row) {
        if (row instanceof SftExample e) {
            return sft(e);
        } else if (row instanceof PreferencePair p) {
            return pair(p);
        } else if (row instanceof Rating r) {
            return rating(r);
        } else if (row instanceof UnpairedExample u) {
            return unpaired(u);
        }
        throw new IllegalArgumentException("cannot measure a " + row.getClass().getName());
    }

    /** The BOS token in front of a sequence: one or none. */
    private int bos() {
        return addsBos ? 1 : 0;
    }

    private int count(List<Segment> runs) {
        int n = 0;
        for (Segment s : runs) {
            n += counter.count(s.text());
        }
        return n;
    }
}
