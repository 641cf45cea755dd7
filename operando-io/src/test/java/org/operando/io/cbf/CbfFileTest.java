package org.operando.io.cbf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.operando.data.Frame;
import org.operando.testing.PythonPeer;
import org.operando.util.InvalidInputException;

class CbfFileTest {
    @TempDir
    Path dir;

    /** Byte-offset encoder written from the CBF specification (used to build test files). */
    static byte[] encodeByteOffset(long[] v) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long prev = 0;
        for (long x : v) {
            long d = x - prev;
            prev = x;
            if (d > -128 && d < 128) {
                out.write((int) d);
                continue;
            }
            out.write(0x80);
            if (d > Short.MIN_VALUE && d <= Short.MAX_VALUE) {
                out.write((int) d);
                out.write((int) (d >> 8));
                continue;
            }
            out.write(0x00);
            out.write(0x80);
            if (d > Integer.MIN_VALUE && d <= Integer.MAX_VALUE) {
                for (int k = 0; k < 4; k++) {
                    out.write((int) (d >> (8 * k)));
                }
                continue;
            }
            for (int k = 0; k < 4; k++) {
                out.write(k == 3 ? 0x80 : 0);
            }
            for (int k = 0; k < 8; k++) {
                out.write((int) (d >> (8 * k)));
            }
        }
        return out.toByteArray();
    }

    static byte[] miniCbf(int w, int h, byte[] binary) {
        String head = "###CBF: VERSION 1.5, CBFlib v0.7.8 - PILATUS detectors\r\n\r\ndata_test\r\n\r\n"
                + "_array_data.header_convention \"PILATUS_1.2\"\r\n_array_data.header_contents\r\n;\r\n"
                + "# Detector: PILATUS3 2M, S/N 24-0118\r\n# 2021-03-04T15:12:01.123\r\n"
                + "# Pixel_size 172e-6 m x 172e-6 m\r\n# Silicon sensor, thickness 0.001000 m\r\n"
                + "# Exposure_time 0.0970000 s\r\n# Exposure_period 0.1000000 s\r\n# Count_cutoff 1048575 counts\r\n"
                + "# Wavelength 0.4959 A\r\n# Detector_distance 0.50012 m\r\n# Beam_xy (740.50, 810.25) pixels\r\n"
                + ";\r\n\r\n_array_data.data\r\n;\r\n--CIF-BINARY-FORMAT-SECTION--\r\n"
                + "Content-Type: application/octet-stream;\r\n     conversions=\"x-CBF_BYTE_OFFSET\"\r\n"
                + "Content-Transfer-Encoding: BINARY\r\nX-Binary-Size: " + binary.length + "\r\nX-Binary-ID: 1\r\n"
                + "X-Binary-Element-Type: \"signed 32-bit integer\"\r\nX-Binary-Element-Byte-Order: LITTLE_ENDIAN\r\n"
                + "X-Binary-Number-of-Elements: " + (w * h) + "\r\nX-Binary-Size-Fastest-Dimension: " + w + "\r\n"
                + "X-Binary-Size-Second-Dimension: " + h + "\r\nX-Binary-Size-Padding: 4095\r\n\r\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(new byte[] {0x0C, 0x1A, 0x04, (byte) 0xD5});
        out.writeBytes(binary);
        out.writeBytes(new byte[4095]);
        out.writeBytes("\r\n--CIF-BINARY-FORMAT-SECTION----\r\n;\r\n".getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    @Test
    void decodesEveryDeltaWidthAndThePilatusHeader() throws Exception {
        int w = 37;
        int h = 23;
        long[] v = new long[w * h];
        Random r = new Random(9);
        for (int i = 0; i < v.length; i++) {
            v[i] = switch (i % 7) {
                case 0 -> r.nextInt(100);              // int8 deltas
                case 1 -> -2;                          // Pilatus gap marker
                case 2 -> 1048575;                     // count cut-off → int32 delta
                case 3 -> r.nextInt(30000);            // int16 deltas
                case 4 -> Integer.MIN_VALUE + 5;       // with the next case: int64 delta
                case 5 -> Integer.MAX_VALUE - 3;
                default -> -1;
            };
        }
        Path f = dir.resolve("t.cbf");
        Files.write(f, miniCbf(w, h, encodeByteOffset(v)));
        try (CbfFile cbf = CbfFile.open(f)) {
            assertThat(cbf.width()).isEqualTo(w);
            assertThat(cbf.height()).isEqualTo(h);
            Frame fr = cbf.read(0);
            for (int i = 0; i < v.length; i++) {
                assertThat(fr.get(i)).as("pixel %d", i).isEqualTo((float) v[i]);
            }
            CbfFile.PilatusHeader p = cbf.pilatus();
            assertThat(p.exposureTimeS()).isEqualTo(0.097);
            assertThat(p.wavelengthAngstrom()).isEqualTo(0.4959);
            assertThat(p.detectorDistanceM()).isEqualTo(0.50012);
            assertThat(p.pixelSizeXM()).isCloseTo(172e-6, within(1e-15));
            assertThat(p.pixelSizeYM()).isCloseTo(172e-6, within(1e-15));
            assertThat(p.beamX()).isEqualTo(740.5);
            assertThat(p.beamY()).isEqualTo(810.25);
            assertThat(p.countCutoff()).isEqualTo(1048575);
            assertThat(p.detector()).isEqualTo("PILATUS3 2M, S/N 24-0118");
            assertThat(cbf.mimeHeaders()).containsEntry("x-binary-size-fastest-dimension", "37");
            assertThat(cbf.describe()).contains("37 x 23").contains("x-CBF_BYTE_OFFSET").contains("Wavelength 0.4959 A");
        }
    }

    @Test
    void badInputGivesClearMessages() throws Exception {
        Path f = dir.resolve("bad.cbf");
        Files.writeString(f, "just text");
        assertThatThrownBy(() -> CbfFile.open(f)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("not a CBF");
        byte[] good = miniCbf(10, 10, encodeByteOffset(new long[100]));
        Files.write(f, Arrays.copyOf(good, good.length - 4095 - 50 - 60)); // cut inside the binary section
        assertThatThrownBy(() -> CbfFile.open(f)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("truncated");
        // binary section present but shorter than the pixels need
        Files.write(f, miniCbf(10, 10, encodeByteOffset(new long[50])));
        assertThatThrownBy(() -> CbfFile.open(f).read(0)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("cannot hold 100 pixels");
        long[] steps = new long[60];
        for (int i = 0; i < steps.length; i++) {
            steps[i] = (i % 2) * 1000; // int16 deltas: 3 bytes per pixel, 180 bytes for 60 of the 100 pixels
        }
        Files.write(f, miniCbf(10, 10, encodeByteOffset(steps)));
        assertThatThrownBy(() -> CbfFile.open(f).read(0)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("ends after 60 of 100 pixels");
    }

    /** fabio (ESRF's reference library) writes a byte-offset CBF with a Pilatus header; pixel-exact read. */
    @Test
    void readsWhatFabioWrites() throws Exception {
        String py = PythonPeer.require("fabio", "python3-fabio");
        Path cbf = dir.resolve("fabio.cbf");
        Path raw = dir.resolve("ref.f64");
        PythonPeer.Result r = PythonPeer.run(py, String.join("\n",
                "import fabio.cbfimage, numpy as np, sys",
                "rng = np.random.default_rng(4)",
                "a = rng.poisson(30, size=(195, 487)).astype(np.int32)",
                "a[:, 100:107] = -1; a[5, 5] = 1048575; a[6, 6] = -2; a[7, 7] = 2**31 - 1; a[7, 8] = -2**31 + 1",
                "c = fabio.cbfimage.CbfImage(data=a)",
                "c.header['_array_data.header_convention'] = 'PILATUS_1.2'",
                "c.header['_array_data.header_contents'] = '\\n# Detector: PILATUS 100K\\n# Pixel_size 172e-6 m x 172e-6 m\\n# Exposure_time 1.0 s\\n# Wavelength 1.0332 A\\n# Detector_distance 0.2 m\\n'",
                "c.write(sys.argv[1])",
                "a.astype('<f8').tofile(sys.argv[2])"), cbf.toString(), raw.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        var ref = PythonPeer.readDoubles(raw);
        try (CbfFile c = CbfFile.open(cbf)) {
            assertThat(c.width()).isEqualTo(487);
            assertThat(c.height()).isEqualTo(195);
            assertThat(c.pilatus().wavelengthAngstrom()).isEqualTo(1.0332);
            Frame fr = c.read(0);
            for (int i = 0; i < fr.size(); i++) {
                if (fr.get(i) != (float) ref.get(i)) {
                    throw new AssertionError("pixel " + i + ": " + fr.get(i) + " != " + ref.get(i));
                }
            }
        }
    }
}
