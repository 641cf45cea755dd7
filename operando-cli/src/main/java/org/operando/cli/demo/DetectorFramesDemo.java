package org.operando.cli.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.operando.data.Frame;
import org.operando.data.Mask;
import org.operando.data.Unit;
import org.operando.io.figure.ColorMap;
import org.operando.io.figure.MapFigure;
import org.operando.io.hdf5.Hdf5FrameSource;

/**
 * Renders the shipped real detector frames (Pilatus CdTe 2M at DanMAX, Eiger 1M at Balder; bitshuffle+LZ4
 * compressed HDF5) as log-scale images with their invalid pixels (module gaps, dead and overflow pixels) masked.
 */
public final class DetectorFramesDemo implements DemoStep {
    /** Shipped detector files and their frame datasets (see shared/data/README.md). */
    private static final String[][] FILES = {
            {"detector/danmax-pilatus-cdte-2m/scan-0002_pilatus.h5", "/entry/instrument/pilatus/data",
                    "Pilatus CdTe 2M, DanMAX (MAX IV), operando Na-ion cathode cell", "4294967295"},
            {"detector/balder-eiger-1m/eiger-6587_data_000001.h5", "/entry/data/data",
                    "Eiger 1M, Balder (MAX IV)", "4294967295"},
    };

    @Override
    public String title() {
        return "Real detector frames";
    }

    @Override
    public void run(DemoContext ctx) throws Exception {
        ctx.report().section("Real detector frames");
        if (!ctx.hasRealData()) {
            ctx.report().note("Shipped detector frames not available: section skipped.");
            ctx.log().println("   shipped data absent: skipped");
            return;
        }
        ctx.report().paragraph("Raw frames read lazily from bitshuffle+LZ4-compressed HDF5 (filter 32008), shown on a "
                + "log scale (magma). White: pixels without a measurement (module gaps and dead pixels, written as "
                + "negative values by the detector; overflow).");
        for (String[] f : FILES) {
            Path file = ctx.dataDir().resolve(f[0]);
            if (!Files.exists(file)) {
                ctx.report().note(f[0] + " not found: skipped.");
                continue;
            }
            try (Hdf5FrameSource src = Hdf5FrameSource.open(file, f[1])) {
                Frame frame = src.read(0);
                Mask invalid = frame.invalidPixelMask(Double.parseDouble(f[3]));
                String name = file.getFileName().toString().replace(".h5", "");
                Path png = ctx.out().resolve("frame-" + name + ".png");
                MapFigure.of(frame.data(), frame.width(), frame.height()).mask(invalid)
                        .scale(MapFigure.Scale.LOG).colorMap(ColorMap.MAGMA).valueLabel("I", Unit.COUNTS)
                        .title(f[2] + " — frame 0").size(900).writePng(png);
                Map<String, String> kv = new LinkedHashMap<>();
                kv.put("file", f[0] + "::" + f[1]);
                kv.put("frames", Integer.toString(src.frameCount()));
                kv.put("frame shape (rows × cols)", src.height() + " × " + src.width());
                kv.put("masked pixels (gaps, dead, overflow)", invalid.countMasked() + " ("
                        + String.format("%.2f %%", 100.0 * invalid.countMasked() / invalid.size()) + ")");
                ctx.report().keyValues(kv);
                ctx.report().figure(png.getFileName().toString(), f[2] + ": frame 0, log scale, invalid pixels white");
                ctx.log().println("   " + png);
            }
        }
    }
}
