package org.align4j.cli;

import picocli.CommandLine;

/** Reports the align4j version from the jar manifest (or "dev" when run from classes). */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = AlignCommand.class.getPackage().getImplementationVersion();
        return new String[] {"align4j " + (v == null ? "dev" : v)};
    }
}
