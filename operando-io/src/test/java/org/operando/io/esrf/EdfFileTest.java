package org.operando.io.esrf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.operando.data.Frame;
import org.operando.testing.PythonPeer;
import org.operando.util.InvalidInputException;

class EdfFileTest {
    @TempDir
    Path dir;

    /** An EDF frame as ESRF software writes it: header padded to 512 bytes, then the raw pixels. */
    static byte[] edfFrame(String dataType, String byteOrder, int w, int h, byte[] data, String extra) {
        String body = "\nHeaderID = EH:000001:000000:000000 ;\nImage = 1 ;\nByteOrder = " + byteOrder
                + " ;\nDataType = " + dataType + " ;\nDim_1 = " + w + " ;\nDim_2 = " + h + " ;\nSize = " + data.length
                + " ;\n" + extra;
        int total = ((body.length() + 3 + 511) / 512) * 512;
        String header = "{" + body + " ".repeat(total - body.length() - 3) + "}\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(data);
        return out.toByteArray();
    }

    @Test
    void readsMultiFrameBigAndLittleEndianIntegerAndFloat() throws Exception {
        int w = 5;
        int h = 3;
        ByteBuffer u16 = ByteBuffer.allocate(w * h * 2).order(ByteOrder.BIG_ENDIAN);
        ByteBuffer i32 = ByteBuffer.allocate(w * h * 4).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer f32 = ByteBuffer.allocate(w * h * 4).order(ByteOrder.BIG_ENDIAN);
        for (int i = 0; i < w * h; i++) {
            u16.putShort((short) (60000 + i));
            i32.putInt(-100000 * i);
            f32.putFloat(i * 0.1f);
        }
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(edfFrame("UnsignedShort", "HighByteFirst", w, h, u16.array(), "Title = a ; b ;\n"));
        file.writeBytes(edfFrame("SignedInteger", "LowByteFirst", w, h, i32.array(), ""));
        file.writeBytes(edfFrame("FloatValue", "HighByteFirst", w, h, f32.array(), ""));
        Path f = dir.resolve("multi.edf");
        Files.write(f, file.toByteArray());
        try (EdfFile edf = EdfFile.open(f)) {
            assertThat(edf.frameCount()).isEqualTo(3);
            assertThat(edf.width()).isEqualTo(5);
            assertThat(edf.height()).isEqualTo(3);
            Frame a = edf.read(0);
            Frame b = edf.read(1);
            Frame c = edf.read(2);
            for (int i = 0; i < w * h; i++) {
                assertThat(a.get(i)).isEqualTo(60000f + i);
                assertThat(b.get(i)).isEqualTo(-100000f * i);
                assertThat(c.get(i)).isEqualTo(i * 0.1f);
            }
            assertThat(edf.frames().get(0).header()).containsEntry("Dim_1", "5").containsEntry("HeaderID",
                    "EH:000001:000000:000000");
            assertThat(edf.describe()).contains("3 frames").contains("5 x 3 (Dim_1 x Dim_2) uint16 (UnsignedShort)");
        }
    }

    @Test
    void badHeadersGiveClearMessages() throws Exception {
        Path f = dir.resolve("x.edf");
        Files.writeString(f, "hello, not an EDF");
        assertThatThrownBy(() -> EdfFile.open(f)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("not an EDF");
        Files.write(f, edfFrame("Complex", "LowByteFirst", 2, 2, new byte[16], ""));
        assertThatThrownBy(() -> EdfFile.open(f)).hasMessageContaining("DataType 'Complex'");
        byte[] ok = edfFrame("UnsignedShort", "LowByteFirst", 4, 4, new byte[32], "");
        Files.write(f, Arrays.copyOf(ok, ok.length - 3));
        assertThatThrownBy(() -> EdfFile.open(f)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("truncated");
        Files.write(f, ("{\nDim_1 = 4 ;\n" + " ".repeat(600)).getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> EdfFile.open(f)).hasMessageContaining("closing '}'");
    }

    /** fabio (ESRF's own library) writes a two-frame float32 EDF; every pixel must match numpy's values. */
    @Test
    void readsWhatFabioWrites() throws Exception {
        String py = PythonPeer.require("fabio", "python3-fabio");
        Path edf = dir.resolve("fabio.edf");
        Path raw = dir.resolve("ref.f64");
        PythonPeer.Result r = PythonPeer.run(py, String.join("\n",
                "import fabio.edfimage, numpy as np, sys",
                "rng = np.random.default_rng(5)",
                "a = rng.normal(size=(70, 90)).astype(np.float32) * 1000",
                "b = rng.integers(0, 65535, size=(70, 90)).astype(np.float32)",
                "e = fabio.edfimage.EdfImage(data=a, header={'ExposureTime': '0.5', 'Title': 'from fabio'})",
                "e.append_frame(data=b)",
                "e.write(sys.argv[1])",
                "np.concatenate([a.ravel(), b.ravel()]).astype('<f8').tofile(sys.argv[2])"),
                edf.toString(), raw.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        var ref = PythonPeer.readDoubles(raw);
        try (EdfFile e = EdfFile.open(edf)) {
            assertThat(e.frameCount()).isEqualTo(2);
            assertThat(e.width()).isEqualTo(90);
            assertThat(e.height()).isEqualTo(70);
            assertThat(e.frames().get(0).header()).containsEntry("ExposureTime", "0.5");
            for (int k = 0; k < 2; k++) {
                Frame fr = e.read(k);
                for (int i = 0; i < fr.size(); i++) {
                    if (fr.get(i) != (float) ref.get(k * fr.size() + i)) {
                        throw new AssertionError("frame " + k + " pixel " + i + ": " + fr.get(i));
                    }
                }
            }
        }
    }
}
