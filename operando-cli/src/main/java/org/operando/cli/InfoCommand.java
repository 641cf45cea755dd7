package org.operando.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.operando.io.FileDescriber;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code operando info FILE...}: describes data files: the HDF5/NeXus tree (groups, datasets with shape, dtype,
 * chunking, compression filters, NeXus classes and attributes), TIFF pages, EDF frames and headers, CBF image and
 * Pilatus header, PONI geometry, text columns.
 */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = {"Describe data files: HDF5/NeXus (tree like h5ls -r -v: shapes, dtypes, chunks, compression"
                + " filters such as bitshuffle+LZ4, NeXus classes, attributes), TIFF, EDF, CBF, PONI, text curves.",
                "Exit code 2 when a file is missing or unreadable."})
public final class InfoCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files to describe; FILE.h5::/group/or/dataset"
            + " lists only that part of an HDF5 file.")
    List<Path> files;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        boolean first = true;
        for (Path f : files) {
            if (!first) {
                out.println();
            }
            out.print(FileDescriber.describe(f));
            out.flush();
            first = false;
        }
        return OperandoCommand.EXIT_OK;
    }
}
