package org.operando.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.operando.io.hdf5.Hdf5Files;

/** Recognises frame formats by their first bytes. */
final class FileSniffer {
    private FileSniffer() { }

    static FrameSources.Format sniff(Path file) {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(64);
        } catch (IOException e) {
            return null;
        }
        if (head.length >= 8 && Hdf5Files.hasSignature(file)) {
            return FrameSources.Format.HDF5;
        }
        if (head.length >= 4 && ((head[0] == 'I' && head[1] == 'I' && head[2] == 42 && head[3] == 0)
                || (head[0] == 'M' && head[1] == 'M' && head[2] == 0 && head[3] == 42)
                || (head[0] == 'I' && head[1] == 'I' && head[2] == 43 && head[3] == 0)
                || (head[0] == 'M' && head[1] == 'M' && head[2] == 0 && head[3] == 43))) {
            return FrameSources.Format.TIFF;
        }
        String text = new String(head, StandardCharsets.ISO_8859_1);
        if (text.startsWith("###CBF")) {
            return FrameSources.Format.CBF;
        }
        String t = text.stripLeading();
        if (t.startsWith("{") && (text.contains("=") && text.contains(";"))) {
            return FrameSources.Format.EDF;
        }
        return null;
    }
}
