package org.align4j.cli;

import picocli.CommandLine;

/**
 * A command that groups subcommands ({@code align}, {@code align data}, {@code align feedback}, ...): run without
 * one, it prints its usage, which lists them, and exits 0.
 */
public abstract class GroupCommand implements Runnable {
    @CommandLine.Spec protected CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
