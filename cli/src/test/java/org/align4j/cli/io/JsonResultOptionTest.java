package org.align4j.cli.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonResultOptionTest {
    @TempDir Path tmp;

    private static ObjectNode result() {
        return JsonNodeFactory.instance.objectNode().put("arch", "gpt2").put("mfu", 0.25);
    }

    @Test
    void withoutOutTheIndentedObjectIsOnlyPrinted() {
        List<String> printed = new ArrayList<>();
        new JsonResultOption().print(result(), printed::add);
        assertThat(printed).containsExactly("{\n  \"arch\" : \"gpt2\",\n  \"mfu\" : 0.25\n}");
        assertThat(tmp).isEmptyDirectory();
    }

    @Test
    void withOutTheFileHoldsTheSameTextThatIsPrinted() throws Exception {
        JsonResultOption option = new JsonResultOption();
        option.file = tmp.resolve("sub/result.json");
        List<String> printed = new ArrayList<>();
        option.print(result(), printed::add);
        assertThat(printed).hasSize(1);
        assertThat(Files.readString(option.file)).isEqualTo(printed.get(0) + "\n");
    }
}
