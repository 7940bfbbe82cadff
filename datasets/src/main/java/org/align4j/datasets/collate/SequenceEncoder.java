package org.align4j.datasets.collate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.align4j.datasets.ChatMessage;
import org.align4j.datasets.PreferencePair;
import org.align4j.datasets.Rating;
import org.align4j.datasets.SftExample;
import org.align4j.datasets.template.ChatTemplate;
import org.align4j.datasets.template.Segment;
import org.align4j.datasets.template.Segments;

/**
 * Tokenises examples with a chat template. The template's segments are joined into runs of equal
 * trainability ({@link Segments#runs}) and each run is encoded on its own, so the loss mask is exact; a
 * single-turn prompt is one run and is tokenised exactly as {@link #encodePrompt} tokenises it for generation.
 *
 * <p>The one BOS rule: a template that writes the sequence start itself (a model's own Jinja template,
 * {@link ChatTemplate#rendersSequenceStart()}) gets no BOS added, exactly as transformers tokenises
 * {@code apply_chat_template}'s text with {@code add_special_tokens=False}; a built-in template gets the BOS
 * once at the start when {@code bosId} is given (the tokenizer adds one), and never twice.
 *
 * @param template the chat template
 * @param encoder encodes text WITHOUT special tokens
 * @param bosId the BOS token id the tokenizer puts in front of a text, or {@code null} when it adds none
 *     (GPT-2, Qwen); added by built-in templates, written by a model's own template
 */
public record SequenceEncoder(ChatTemplate template, TextEncoder encoder, Integer bosId) {
    public SequenceEncoder {
        if (template == null || encoder == null) {
            throw new IllegalArgumentException("template and encoder are required");
        }
    }

    /** Whether this encoder puts the BOS in front (a built-in template and a tokenizer that adds one). */
    public boolean addsBos() {
        return bosId != null && !template.rendersSequenceStart();
    }

    /** A meter that measures exactly what this encoder produces. */
    public LengthMeter lengthMeter() {
        return new LengthMeter(template, encoder, addsBos());
    }

    /** An SFT example; every assistant turn is trained on. */
    public TokenizedSequence encode(SftExample example) {
        Builder b = new Builder();
        for (Segment run : Segments.runs(template.render(example))) {
            b.add(run.text(), run.trainable());
        }
        return b.build();
    }

    /** The ids of a prompt and its generation prompt: what the model continues from. */
    public int[] encodePrompt(List<ChatMessage> prompt) {
        Builder b = new Builder();
        b.add(template.renderPrompt(prompt), false);
        return b.build().ids();
    }

    /** A prompt followed by a response; only the response (and its end-of-turn marker) is in the loss mask. */
    public TokenizedSequence encodeCompletion(List<ChatMessage> prompt, String response) {
        Builder b = new Builder();
        b.add(template.renderPrompt(prompt), false);
        for (Segment run : Segments.runs(template.renderCompletion(prompt, response))) {
            b.add(run.text(), run.trainable());
        }
        return b.build();
    }

    /** A preference pair: both answers after the same prompt tokens. */
    public TokenizedPair encode(PreferencePair pair) {
        TokenizedSequence chosen = encodeCompletion(pair.prompt(), pair.chosen());
        TokenizedSequence rejected = encodeCompletion(pair.prompt(), pair.rejected());
        return new TokenizedPair(chosen, rejected, encodePrompt(pair.prompt()).length);
    }

    /** A rating's prompt and response. */
    public TokenizedSequence encode(Rating rating) {
        return encodeCompletion(rating.prompt(), rating.response());
    }

    /** Fits a sequence into {@code maxLength} tokens, keeping the BOS; see {@link Truncation#fit}. */
    public Truncation.Fitted fit(TokenizedSequence s, int maxLength) {
        return Truncation.fit(s, maxLength, startsWithBos(s) ? 1 : 0);
    }

    /** Fits a pair into {@code maxLength} tokens, keeping the BOS; see {@link Truncation#fit}. */
    public Truncation.FittedPair fit(TokenizedPair p, int maxLength) {
        return Truncation.fit(p, maxLength, startsWithBos(p.chosen()) ? 1 : 0);
    }

    private boolean startsWithBos(TokenizedSequence s) {
        return bosId != null && s.length() > 0 && s.ids()[0] == bosId;
    }

    private final class Builder {
        private final List<int[]> parts = new ArrayList<>();
        private final List<Boolean> flags = new ArrayList<>();
        private int length;

        Builder() {
            if (addsBos()) {
                add(new int[] {bosId}, false);
            }
        }

        void add(String text, boolean trainable) {
            int[] ids = encoder.encode(text);
            if (addsBos() && ids.length > 0 && ids[0] == bosId) {
                throw new IllegalArgumentException("the text encoder put the BOS id " + bosId + " in front of \""
                        + abbreviate(text) + "\"; encode without special tokens (the BOS is added once, here)");
            }
            add(ids, trainable);
        }

        private void add(int[] ids, boolean trainable) {
            parts.add(ids);
            flags.add(trainable);
            length += ids.length;
        }

        TokenizedSequence build() {
            int[] ids = new int[length];
            boolean[] mask = new boolean[length];
            int at = 0;
            for (int i = 0; i < parts.size(); i++) {
                int[] p = parts.get(i);
                System.arraycopy(p, 0, ids, at, p.length);
                Arrays.fill(mask, at, at + p.length, flags.get(i));
                at += p.length;
            }
            return new TokenizedSequence(ids, mask);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
