package org.operando.io.echem;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.operando.echem.EchemRecord;
import org.operando.util.InvalidInputException;

/** Reads any supported potentiostat/cycler file into an {@link EchemRecord}, detecting the format. */
public final class EchemReaders {
    private EchemReaders() { }

    public enum Format { AUTO, MPR, MPT, NEWARE, MACCOR, TEXT }

    public static EchemRecord read(Path path) throws IOException {
        return read(path, Format.AUTO, null);
    }

    public static EchemRecord read(Path path, Format format, ColumnMapping mapping) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new InvalidInputException(path + ": no such file (expected a potentiostat file: .mpr, .mpt, Neware"
                    + " CSV, Maccor text or delimited text)");
        }
        Format f = format == Format.AUTO ? detect(path) : format;
        if (mapping != null && !mapping.targets().isEmpty() && f != Format.TEXT) {
            if (format == Format.AUTO) {
                f = Format.TEXT;
            } else {
                throw new InvalidInputException("--column applies to generic delimited text (--format text), not to "
                        + f.name().toLowerCase(Locale.ROOT));
            }
        }
        return switch (f) {
            case MPR -> MprReader.read(path);
            case MPT -> TextFormats.readMpt(path);
            case NEWARE -> TextFormats.readNeware(path);
            case MACCOR -> TextFormats.readMaccor(path);
            default -> TextFormats.readDelimited(path, mapping);
        };
    }

    /** The format from the file's first bytes. */
    public static Format detect(Path path) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(path)) {
            head = in.readNBytes(8192);
        }
        String s = new String(head, StandardCharsets.ISO_8859_1);
        if (s.startsWith("BIO-LOGIC MODULAR FILE")) {
            return Format.MPR;
        }
        if (s.startsWith("EC-Lab ASCII FILE") || s.startsWith("\u00ef\u00bb\u00bfEC-Lab ASCII FILE")) {
            return Format.MPT;
        }
        String firstLine = s.split("\r\n|\r|\n", 2)[0];
        if (firstLine.contains("Step Type") && (firstLine.contains("Cycle Index") || firstLine.contains("DataPoint"))) {
            return Format.NEWARE;
        }
        for (String line : s.split("\r\n|\r|\n")) {
            if ((line.startsWith("Rec\t") || line.startsWith("Rec,")) && (line.contains("TestTime")
                    || line.contains("Test Time") || line.contains("Cycle C"))) {
                return Format.MACCOR;
            }
        }
        return Format.TEXT;
    }
}
