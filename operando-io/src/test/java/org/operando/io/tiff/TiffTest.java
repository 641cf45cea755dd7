package org.operando.io.tiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.operando.data.Frame;
import org.operando.util.InvalidInputException;

class TiffTest {
    @TempDir
    Path dir;

    /** Values that exercise the full range of each type (extremes included). */
    static Frame frameFor(SampleType t, int w, int h, long seed) {
        Random r = new Random(seed);
        float[] d = new float[w * h];
        for (int i = 0; i < d.length; i++) {
            d[i] = switch (t) {
                case UINT8 -> r.nextInt(256);
                case INT8 -> r.nextInt(256) - 128;
                case UINT16 -> r.nextInt(65536);
                case INT16 -> r.nextInt(65536) - 32768;
                case UINT32 -> (float) (r.nextInt(1 << 24) * (r.nextBoolean() ? 1L : 256L)); // exact in float
                case INT32 -> r.nextInt(1 << 24) - (1 << 23);
                case FLOAT32, FLOAT64 -> (float) (r.nextGaussian() * 1e3);
            };
        }
        d[0] = (float) t.min() == -Float.MAX_VALUE ? -1.5e-30f : (float) t.min();
        if (t == SampleType.UINT32) {
            d[1] = 4294967295f; // rounds to 2^32 in float → must be refused, so use the largest exact value below
            d[1] = 4294967040f;
        }
        return new Frame(w, h, d);
    }

    @ParameterizedTest
    @EnumSource(SampleType.class)
    void writesAndReadsBackEveryType(SampleType t) throws Exception {
        Path f = dir.resolve(t + ".tif");
        Frame a = frameFor(t, 37, 2000, 1); // > 64 KiB → several strips
        Frame b = frameFor(t, 5, 3, 2);     // a second page of another size
        TiffWriter.write(f, List.of(a, b), t, "operando test " + t);
        try (TiffFile tif = TiffFile.open(f)) {
            assertThat(tif.frameCount()).isEqualTo(2);
            assertThat(tif.byteOrder()).isEqualTo(ByteOrder.LITTLE_ENDIAN);
            TiffFile.Page p = tif.pages().get(0);
            assertThat(p.type()).isEqualTo(t);
            assertThat(p.width()).isEqualTo(37);
            assertThat(p.height()).isEqualTo(2000);
            assertThat(p.description()).isEqualTo("operando test " + t);
            assertThat(p.stripOffsets().length).isGreaterThan(1);
            assertThat(tif.read(0).data()).isEqualTo(a.data());
            assertThat(tif.readPage(1).data()).isEqualTo(b.data());
            assertThatThrownBy(() -> tif.read(1)).isInstanceOf(InvalidInputException.class).hasMessageContaining("one size");
            assertThat(tif.describe()).contains("page 1: 37 x 2000 (width x height) " + t.numpyName());
        }
    }

    @Test
    void integerOverflowIsRefusedNotClipped() {
        Frame f = new Frame(2, 1, new float[] {1, 70000});
        Path out = dir.resolve("o.tif");
        assertThatThrownBy(() -> TiffWriter.write(out, f, SampleType.UINT16, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("70000").hasMessageContaining("uint16");
        assertThat(out).doesNotExist();
    }

    @Test
    void javaImageIoReadsOurUint16AndFloat32() throws Exception {
        Frame u = frameFor(SampleType.UINT16, 64, 48, 5);
        Path f = dir.resolve("u16.tif");
        TiffWriter.write(f, u, SampleType.UINT16, null);
        Raster r = ImageIO.read(f.toFile()).getRaster();
        assertThat(r.getWidth()).isEqualTo(64);
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 64; x++) {
                assertThat(r.getSample(x, y, 0)).isEqualTo((int) u.get(y, x));
            }
        }
        Frame fl = frameFor(SampleType.FLOAT32, 33, 17, 6);
        Path g = dir.resolve("f32.tif");
        TiffWriter.write(g, fl, SampleType.FLOAT32, "float");
        Raster rf = ImageIO.read(g.toFile()).getRaster();
        assertThat(rf.getDataBuffer().getDataType()).isEqualTo(DataBuffer.TYPE_FLOAT);
        for (int y = 0; y < 17; y++) {
            for (int x = 0; x < 33; x++) {
                assertThat(rf.getSampleFloat(x, y, 0)).isEqualTo(fl.get(y, x));
            }
        }
    }

    /** Independent files from the JDK's TIFF writer (big-endian "MM", several compressions) read pixel-exact. */
    @ParameterizedTest
    @ValueSource(strings = {"none", "PackBits", "LZW"})
    void readsJdkWrittenBigEndianFilesWithCompression(String compression) throws Exception {
        int w = 300;
        int h = 200;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_USHORT_GRAY);
        WritableRaster wr = img.getRaster();
        Random rnd = new Random(11);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                // smooth rings plus noise: compressible yet with long LZW tables
                int v = (int) (1000 + 800 * Math.sin(Math.hypot(x - 150, y - 100) / 7.0)) + rnd.nextInt(20);
                wr.setSample(x, y, 0, v);
            }
        }
        Path f = dir.resolve("jdk-" + compression + ".tif");
        writeWithImageIo(img, f, compression);
        try (TiffFile tif = TiffFile.open(f)) {
            assertThat(tif.byteOrder()).isEqualTo(ByteOrder.BIG_ENDIAN);
            assertThat(tif.pages().get(0).compressionName()).isEqualTo(compression);
            Frame fr = tif.read(0);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    if (fr.get(y, x) != wr.getSample(x, y, 0)) {
                        throw new AssertionError("pixel " + y + "," + x + ": " + fr.get(y, x) + " != " + wr.getSample(x, y, 0));
                    }
                }
            }
        }
    }

    @Test
    void readsJdkWrittenBigEndianFloat32() throws Exception {
        int w = 40;
        int h = 30;
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_FLOAT);
        WritableRaster wr = cm.createCompatibleWritableRaster(w, h);
        Random rnd = new Random(12);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                wr.setSample(x, y, 0, (float) rnd.nextGaussian());
            }
        }
        BufferedImage img = new BufferedImage(cm, wr, false, null);
        Path f = dir.resolve("jdk-float.tif");
        writeWithImageIo(img, f, "none");
        try (TiffFile tif = TiffFile.open(f)) {
            assertThat(tif.pages().get(0).type()).isEqualTo(SampleType.FLOAT32);
            Frame fr = tif.read(0);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    assertThat(fr.get(y, x)).isEqualTo(wr.getSampleFloat(x, y, 0));
                }
            }
        }
    }

    static void writeWithImageIo(BufferedImage img, Path f, String compression) throws Exception {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("tiff").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(f.toFile())) {
            writer.setOutput(out);
            ImageWriteParam p = writer.getDefaultWriteParam();
            if (!compression.equals("none")) {
                p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                p.setCompressionType(compression);
            }
            writer.write(null, new IIOImage(img, null, null), p);
        } finally {
            writer.dispose();
        }
    }

    @Test
    void multiPageStackIsAFrameSource() throws Exception {
        Path f = dir.resolve("stack.tif");
        Frame[] frames = new Frame[5];
        for (int i = 0; i < 5; i++) {
            frames[i] = frameFor(SampleType.INT32, 20, 10, 100 + i);
        }
        TiffWriter.write(f, org.operando.data.FrameSource.of("mem", frames), SampleType.INT32, null);
        try (TiffFile tif = TiffFile.open(f)) {
            int i = 0;
            for (Frame fr : tif) {
                assertThat(fr.data()).isEqualTo(frames[i++].data());
            }
            assertThat(i).isEqualTo(5);
        }
    }

    @Test
    void wrongHeaderAndTruncationGiveClearMessages() throws Exception {
        Path bad = dir.resolve("bad.tif");
        Files.writeString(bad, "GIF89a not a tiff at all");
        assertThatThrownBy(() -> TiffFile.open(bad)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(bad.toString()).hasMessageContaining("not a TIFF");
        Path wrongMagic = dir.resolve("magic.tif");
        Files.write(wrongMagic, new byte[] {'I', 'I', 7, 0, 8, 0, 0, 0});
        assertThatThrownBy(() -> TiffFile.open(wrongMagic)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("magic number 7");

        Path good = dir.resolve("good.tif");
        TiffWriter.write(good, frameFor(SampleType.UINT16, 100, 100, 3), SampleType.UINT16, "d");
        byte[] all = Files.readAllBytes(good);
        Path cut = dir.resolve("cut.tif");
        Files.write(cut, Arrays.copyOf(all, all.length - 10));
        assertThatThrownBy(() -> {
            try (TiffFile t = TiffFile.open(cut)) {
                t.read(0);
            }
        }).isInstanceOf(InvalidInputException.class).hasMessageContaining(cut.toString()).hasMessageContaining("end of the file");
    }
}
