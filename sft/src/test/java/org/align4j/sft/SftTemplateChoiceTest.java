package org.align4j.sft;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.align4j.core.bundle.ModelBundle;
import org.align4j.core.tokenizer.TextTokenizer;
import org.align4j.core.tokenizer.TokenizerFiles;
import org.align4j.core.tokenizer.TokenizerKind;
import org.align4j.core.tokenizer.TokenizerTrainer;
import org.align4j.core.tokenizer.TrainerConfig;
import org.align4j.datasets.ChatMessage;
import org.align4j.datasets.template.JinjaChatTemplate;
import org.align4j.datasets.template.Segment;
import org.align4j.datasets.template.Segments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SftTemplateChoiceTest {
    @TempDir Path model;

    private static SftDataConfig withTemplate(String template) {
        SftDataConfig d = SftDataConfig.defaults();
        return new SftDataConfig(d.train(), d.validation(), d.validationSplit(), template, d.maxLength(), d.skipInvalid());
    }

    @Test
    void dataLongerThanMaxLengthIsCutByAlign4jsRuleAndCounted() throws Exception {
        TokenizerFiles.write(model, TokenizerTrainer.train(TrainerConfig.defaults(TokenizerKind.BPE, 300),
                SftFixture.rows(0, 30)));
        String longPrompt = String.join(" ", java.util.Collections.nCopies(40, "apple river stone"));
        Path train = model.resolve("train.jsonl");
        java.nio.file.Files.write(train, List.of(
                "{\"instruction\": \"short\", \"input\": \"\", \"output\": \"cloud\"}",
                "{\"instruction\": \"" + longPrompt + "\", \"input\": \"\", \"output\": \"green house\"}",
                "{\"instruction\": \"two\", \"input\": \"\", \"output\": \"" + longPrompt + "\"}"));
        SftDataConfig cfg = new SftDataConfig(train.toString(), null, 0.0, "chatml", 48, false);
        try (TextTokenizer tok = TextTokenizer.load(model)) {
            SftData data = SftData.prepare(cfg, ModelBundle.encoderFor(tok, cfg.template()), 1, 64);
            assertThat(data.train()).hasSize(3).allSatisfy(s -> assertThat(s.length()).isLessThanOrEqualTo(48));
            assertThat(data.report()).anySatisfy(l -> assertThat(l).startsWith(
                    "train: 2 examples truncated, 0 dropped (of 3) at max_length 48;"));
        }
    }

    @Test
    void theModelsOwnChatTemplateIsTheDefaultAndDataTemplateOverridesIt() {
        TokenizerFiles.write(model, TokenizerTrainer.train(TrainerConfig.defaults(TokenizerKind.BPE, 300),
                SftFixture.rows(0, 30)));
        String jinja = "{% for m in messages %}<{{ m.role }}>{{ m.content }}{% if m.role == 'assistant' %}"
                + "{{ eos_token }}{% endif %}{% endfor %}{% if add_generation_prompt %}<assistant>{% endif %}";
        TokenizerFiles.writeChatTemplate(model, jinja, null);
        try (TextTokenizer tok = TextTokenizer.load(model)) {
            var own = ModelBundle.templateFor(tok, null);
            assertThat(own).isInstanceOf(JinjaChatTemplate.class);
            String eos = tok.special().requireEos().text();
            List<Segment> runs = Segments.runs(own.render(List.of(ChatMessage.user("q"), ChatMessage.assistant("a"))));
            assertThat(runs).containsExactly(Segment.prompt("<user>q<assistant>"), Segment.trained("a" + eos));
            assertThat(ModelBundle.templateFor(tok, "plain").name()).isEqualTo("plain");
        }
        TokenizerFiles.writeChatTemplate(model, jinja, "alpaca");
        try (TextTokenizer tok = TextTokenizer.load(model)) {
            assertThat(ModelBundle.templateFor(tok, null).name()).isEqualTo("alpaca");
        }
    }
}
