package org.operando.io.hdf5;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.operando.data.Frame;
import org.operando.testing.SharedData;

class Hdf5FrameSourceSmokeTest {
    @Test
    void readsBitshuffleLz4PilatusFrames() throws Exception {
        Path f = SharedData.require("detector/danmax-pilatus-cdte-2m/scan-0002_pilatus.h5");
        try (Hdf5FrameSource src = Hdf5FrameSource.open(f, "/entry/instrument/pilatus/data")) {
            assertThat(src.frameCount()).isEqualTo(2);
            assertThat(src.height()).isEqualTo(1679);
            assertThat(src.width()).isEqualTo(1475);
            Frame fr = src.read(1);
            double sum = 0;
            int neg = 0;
            for (float v : fr.data()) {
                if (v < 0) neg++; else sum += v;
            }
            System.out.println("sum=" + sum + " neg=" + neg + " px(0,0)=" + fr.get(0, 0) + " px(800,700)=" + fr.get(800, 700));
            assertThat(neg).isGreaterThan(0);
        }
    }
}
