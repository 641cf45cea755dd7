package org.operando.io.hdf5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.operando.data.CurveSet;
import org.operando.data.Unit;
import org.operando.testing.SharedData;
import org.operando.util.InvalidInputException;

class Hdf5ArraysTest {
    @Test
    void readsTheOperandoXrdSeriesAsACurveSet() {
        Path f = SharedData.require("xrd/lnmo-operando/LNMO_p8_scan-0000.h5");
        CurveSet s = Hdf5Arrays.readCurveSet(f, "/2th", "2θ", Unit.TWO_THETA_DEG, "/I", "I", Unit.ARBITRARY);
        assertThat(s.count()).isEqualTo(21);
        assertThat(s.points()).isEqualTo(3000);
        // values read once with h5py 3.7
        assertThat(s.axis().get(0)).isEqualTo(0.014590219938537187);
        assertThat(s.axis().get(2999)).isEqualTo(30.965820025777205);
        assertThat(s.get(20, 1500)).isEqualTo(783.1253662109375f);
        double sum = 0;
        int arg = 0;
        for (int k = 0; k < 3000; k++) {
            sum += s.get(0, k);
            arg = s.get(0, k) > s.get(0, arg) ? k : arg;
        }
        assertThat(sum).isEqualTo(3664065.961151123);
        assertThat(arg).isEqualTo(585);
        double[] p = Hdf5Arrays.readDoubles(f, "/polarization_factor");
        assertThat(p).containsExactly(0.99997);
        assertThatThrownBy(() -> Hdf5Arrays.readDoubles(f, "/I")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(f + "::/I").hasMessageContaining("expected a 1D array");
        assertThatThrownBy(() -> Hdf5Arrays.readCurveSet(f, "/nope", "x", Unit.PIXEL, "/I", "I", Unit.ARBITRARY))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("/nope");
    }
}
