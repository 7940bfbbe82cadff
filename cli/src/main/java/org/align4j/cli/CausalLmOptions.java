package org.align4j.cli;

import java.nio.file.Path;
import org.align4j.core.bundle.ModelBundle;
import picocli.CommandLine.Option;

/**
 * The causal LM of the commands that render conversations with its chat template ({@code align score},
 * {@code align feedback enqueue}): {@code --model DIR} and {@code --template NAME}, and the bundle they load.
 * ({@code align generate} has its own {@code --template}: it also takes auto and none.)
 */
public final class CausalLmOptions {
    @Option(names = "--model", required = true, paramLabel = "DIR",
            description = "causal LM directory (HF layout: gpt2, llama, qwen2), with its tokenizer for text and"
                    + " conversations")
    Path dir;

    @Option(names = "--template", paramLabel = "NAME",
            description = "chat template conversations are rendered with (chatml, alpaca, plain); default: the model's own")
    String template;

    /** {@code --model}. */
    public Path dir() {
        return dir;
    }

    /** The model, its tokenizer and the template ({@code --template}, else the one the model was trained with). */
    public ModelBundle load() {
        return ModelBundle.load(dir, template);
    }
}
