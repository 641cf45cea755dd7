package org.operando.cli;

import picocli.CommandLine;

/** Version from the jar manifest, or the development version when run from classes. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = OperandoCommand.class.getPackage().getImplementationVersion();
        return new String[] {"operando " + (v == null ? "0.1.0-SNAPSHOT" : v),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
    }
}
