package org.align4j.datasets.collate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.align4j.datasets.ChatMessage;
import org.align4j.datasets.PreferencePair;
import org.align4j.datasets.Rating;
import org.align4j.datasets.SftExample;
import org.align4j.datasets.UnpairedExample;
import org.align4j.datasets.template.ChatTemplates;
import org.align4j.datasets.template.JinjaChatTemplate;
import org.junit.jupiter.api.Test;

class SequenceEncoderTest {
    private final FakeTokenizer tok = new FakeTokenizer();
    private final SequenceEncoder chatml = new SequenceEncoder(ChatTemplates.chatml(), tok, null);

    private static String trainedText(TokenizedSequence s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            if (s.lossMask()[i]) {
                int id = s.ids()[i];
                sb.append(id == FakeTokenizer.IM_END ? "<|im_end|>" : id == FakeTokenizer.EOS ? "</s>"
                        : new String(Character.toChars(id)));
            }
        }
        return sb.toString();
    }

    @Test
    void singleTurnTrainsOnTheAnswerAndItsEndOnlyAndStopsThere() {
        TokenizedSequence s = chatml.encode(SftExample.of("Hi?", "Yes."));
        String prompt = "<|im_start|>user\nHi?<|im_end|>\n<|im_start|>assistant\n";
        assertThat(s.promptLength()).isEqualTo(tok.encode(prompt).length);
        assertThat(trainedText(s)).isEqualTo("Yes.<|im_end|>");
        assertThat(s.ids()[s.length() - 1]).isEqualTo(FakeTokenizer.IM_END);
        assertThat(Arrays.copyOf(s.ids(), s.promptLength()))
                .isEqualTo(chatml.encodePrompt(List.of(ChatMessage.user("Hi?"))));
    }

    @Test
    void multiTurnTrainsEveryAssistantTurn() {
        SftExample e = SftExample.ofMessages(List.of(ChatMessage.user("a"), ChatMessage.assistant("B"),
                ChatMessage.user("c"), ChatMessage.assistant("D")));
        TokenizedSequence s = chatml.encode(e);
        assertThat(trainedText(s)).isEqualTo("B<|im_end|>D<|im_end|>");
        assertThat(s.trainedTokens()).isEqualTo(4);
    }

    @Test
    void bosIsAddedOnceAndEosOncePerAnswer() {
        SequenceEncoder plain = new SequenceEncoder(ChatTemplates.byName("plain", "</s>"), tok, FakeTokenizer.BOS);
        SftExample e = SftExample.ofMessages(List.of(ChatMessage.user("q"), ChatMessage.assistant("a</s>"),
                ChatMessage.user("q2"), ChatMessage.assistant("b")));
        TokenizedSequence s = plain.encode(e);
        assertThat(s.ids()[0]).isEqualTo(FakeTokenizer.BOS);
        assertThat(FakeTokenizer.count(s.ids(), FakeTokenizer.BOS)).isEqualTo(1);
        assertThat(FakeTokenizer.count(s.ids(), FakeTokenizer.EOS)).isEqualTo(2);
        assertThat(s.lossMask()[0]).isFalse();
        int[] prompt = plain.encodePrompt(List.of(ChatMessage.user("q")));
        assertThat(prompt).containsExactly(FakeTokenizer.BOS, 'q', '\n');
    }

    @Test
    void aTemplateThatWritesTheBosGetsNoSecondOneAndTruncationKeepsIt() {
        JinjaChatTemplate llamaLike = JinjaChatTemplate.of("llama-like", "inline", "{{ bos_token }}{% for m in messages %}"
                + "[{{ m.role }}]{{ m.content }}{% if m.role == 'assistant' %}{{ eos_token }}{% endif %}{% endfor %}"
                + "{% if add_generation_prompt %}[assistant]{% endif %}", Map.of("bos_token", "<s>", "eos_token", "</s>"));
        SequenceEncoder enc = new SequenceEncoder(llamaLike, tok, FakeTokenizer.BOS);
        assertThat(enc.addsBos()).isFalse();
        TokenizedSequence s = enc.encode(SftExample.of("question", "answer"));
        assertThat(s.ids()[0]).isEqualTo(FakeTokenizer.BOS);
        assertThat(FakeTokenizer.count(s.ids(), FakeTokenizer.BOS)).isEqualTo(1);
        assertThat(trainedText(s)).isEqualTo("answer</s>");
        assertThat(enc.encodePrompt(List.of(ChatMessage.user("q")))).startsWith(FakeTokenizer.BOS, '[');
        TokenizedSequence cut = enc.fit(s, 10).sequence();
        assertThat(cut.ids()[0]).isEqualTo(FakeTokenizer.BOS);
        assertThat(FakeTokenizer.count(cut.ids(), FakeTokenizer.BOS)).isEqualTo(1);
        assertThat(enc.lengthMeter().sft(SftExample.of("question", "answer"))).isEqualTo(s.length());
    }

    @Test
    void aBuiltInTemplateGetsTheBosExactlyWhenTheTokenizerAddsOne() {
        SequenceEncoder with = new SequenceEncoder(ChatTemplates.chatml(), tok, FakeTokenizer.BOS);
        assertThat(with.addsBos()).isTrue();
        assertThat(with.encode(SftExample.of("q", "a")).ids()[0]).isEqualTo(FakeTokenizer.BOS);
        assertThat(chatml.addsBos()).isFalse();
        assertThat(FakeTokenizer.count(chatml.encode(SftExample.of("q", "a")).ids(), FakeTokenizer.BOS)).isZero();
    }

    @Test
    void anEncoderThatAddsItsOwnBosIsRejected() {
        TextEncoder addsBos = text -> {
            int[] ids = tok.encode(text);
            int[] out = new int[ids.length + 1];
            out[0] = FakeTokenizer.BOS;
            System.arraycopy(ids, 0, out, 1, ids.length);
            return out;
        };
        SequenceEncoder enc = new SequenceEncoder(ChatTemplates.chatml(), addsBos, FakeTokenizer.BOS);
        assertThatThrownBy(() -> enc.encode(SftExample.of("q", "a")))
                .hasMessage("the text encoder put the BOS id 1 in front of \"<|im_start|>user\nq<|im_end|>\n"
                        + "<|im_start|...\"; encode without special tokens (the BOS is added once, here)");
    }

    @Test
    void pairsShareThePromptAndMaskOnlyTheResponses() {
        TokenizedPair p = chatml.encode(PreferencePair.of("Q", "Good answer", "Bad"));
        int n = chatml.encodePrompt(List.of(ChatMessage.user("Q"))).length;
        assertThat(p.promptLength()).isEqualTo(n);
        assertThat(p.chosen().promptLength()).isEqualTo(n);
        assertThat(p.rejected().promptLength()).isEqualTo(n);
        assertThat(trainedText(p.chosen())).isEqualTo("Good answer<|im_end|>");
        assertThat(trainedText(p.rejected())).isEqualTo("Bad<|im_end|>");
        assertThat(p.maxLength()).isEqualTo(n + 12);
        TokenizedSequence r = chatml.encode(Rating.of("Q", "Bad", 0));
        assertThat(r.ids()).isEqualTo(p.rejected().ids());
    }

    @Test
    void lengthMeterMeasuresWhatTheEncoderProduces() {
        for (String name : ChatTemplates.NAMES) {
            SequenceEncoder enc = new SequenceEncoder(ChatTemplates.byName(name, "</s>"), tok, FakeTokenizer.BOS);
            LengthMeter m = enc.lengthMeter();
            SftExample e = SftExample.ofAlpaca("Explain", "fever 2 days", "Rest and drink water.");
            PreferencePair p = new PreferencePair(List.of(ChatMessage.system("S"), ChatMessage.user("Q")),
                    "Longer answer here", "Short", null, null, null);
            assertThat(m.length(e)).as(name).isEqualTo(enc.encode(e).length());
            TokenizedSequence encoded = enc.encode(e);
            int trained = 0;
            for (boolean b : encoded.lossMask()) {
                trained += b ? 1 : 0;
            }
            assertThat(m.sftParts(e)).as(name).isEqualTo(new LengthMeter.Parts(encoded.length() - trained, trained));
            assertThat(m.length(p)).as(name).isEqualTo(enc.encode(p).maxLength());
            assertThat(m.length(Rating.of("Q", "A", 1))).as(name).isEqualTo(enc.encode(Rating.of("Q", "A", 1)).length());
            assertThat(m.prompt(p.prompt())).as(name).isEqualTo(enc.encodePrompt(p.prompt()).length);
            UnpairedExample u = new UnpairedExample(p.prompt(), "Labelled answer", false, 1.0, null, null, null);
            assertThat(m.length(u)).as(name).isEqualTo(enc.encodeCompletion(u.prompt(), u.completion()).length());
        }
        assertThatThrownBy(() -> chatml.lengthMeter().length("text")).hasMessage("cannot measure a java.lang.String");
    }

    @Test
    void approximateCounterCountsWordsAndCjkCharacters() {
        ApproximateTokenCounter c = new ApproximateTokenCounter();
        assertThat(c.count("Hello  world")).isEqualTo(2);
        assertThat(c.count("发烧了")).isEqualTo(3);
        assertThat(c.count("I have 发烧，ok")).isEqualTo(6);
        assertThat(c.count("")).isZero();
        assertThat(ApproximateTokenCounter.DESCRIPTION).contains("approximate");
    }
}
