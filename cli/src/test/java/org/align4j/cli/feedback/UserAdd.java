package org.align4j.cli.feedback;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.align4j.cli.CliRunner;

/** {@code align feedback user add --password-stdin} run in-process, the password given on its standard input. */
final class UserAdd {
    private UserAdd() {}

    static CliRunner.Result run(String db, String name, String role, String password) {
        return CliRunner.run(cl -> {
            FeedbackUserAddCommand add = cl.getSubcommands().get("feedback").getSubcommands().get("user")
                    .getSubcommands().get("add").getCommand();
            add.stdin = new ByteArrayInputStream((password + "\n").getBytes(StandardCharsets.UTF_8));
        }, "feedback", "user", "add", "--db", db, "--username", name, "--role", role, "--password-stdin");
    }
}
