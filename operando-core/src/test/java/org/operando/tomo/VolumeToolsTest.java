package org.operando.tomo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;
import org.operando.data.Map2D;
import org.operando.data.Unit;
import org.operando.data.Volume;
import org.operando.util.InvalidInputException;

class VolumeToolsTest {
    static Volume ramp(int nx, int ny, int nz) {
        Volume v = Volume.allocate(nx, ny, nz, 1.5, "mu", Unit.INV_CENTIMETER);
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    v.set(x, y, z, x + 10 * y + 100 * z);
                }
            }
        }
        return v;
    }

    @Test
    void meanFilterAveragesTheTwoByTwoByTwoBlock() {
        Volume v = ramp(5, 4, 3);
        Volume m = VolumeTools.meanFilter(v, 2);
        // Interior: mean of x..x+1, y..y+1, z..z+1 of a linear ramp = value at (x+.5, y+.5, z+.5).
        assertThat(m.get(1, 1, 0)).isCloseTo(1.5f + 15f + 50f, offset(1e-4f));
        // Last voxel along x: the window is truncated to the voxel itself along x.
        assertThat(m.get(4, 1, 0)).isCloseTo(4f + 15f + 50f, offset(1e-4f));
        assertThat(m.unit()).isEqualTo(Unit.INV_CENTIMETER);
        // 3x3x3 keeps a linear ramp unchanged in the interior.
        assertThat(VolumeTools.meanFilter(v, 3).get(2, 2, 1)).isCloseTo(v.get(2, 2, 1), offset(1e-3f));
        // A constant volume stays constant (edges included).
        Volume c = Volume.allocate(4, 4, 4, 1, "c", Unit.DIMENSIONLESS);
        for (long i = 0; i < c.voxelCount(); i++) {
            c.data().set(i, 2.5f);
        }
        Volume cm = VolumeTools.meanFilter(c, 2);
        for (long i = 0; i < c.voxelCount(); i++) {
            assertThat(cm.data().get(i)).isCloseTo(2.5f, offset(1e-6f));
        }
    }

    @Test
    void maskedStatisticsAndHistogram() {
        Volume v = ramp(4, 3, 2);
        boolean[] mask = new boolean[24];
        // Select x = 0 and x = 1 of the first row of slice 0: values 0, 1.
        mask[0] = true;
        mask[1] = true;
        mask[13] = true; // z = 1, y = 0, x = 1: 101
        VolumeTools.Stats s = VolumeTools.stats(v, mask);
        assertThat(s.count()).isEqualTo(3);
        assertThat(s.mean()).isCloseTo(34, offset(1e-9));
        assertThat(s.median()).isCloseTo(1, offset(1e-9));
        assertThat(s.std()).isCloseTo(Math.sqrt(((34 * 34) + 33 * 33 + 67 * 67) / 2.0), offset(1e-6));
        VolumeTools.Histogram h = VolumeTools.histogram(v, mask, 4, 0, 100);
        assertThat(h.counts()).containsExactly(2, 0, 0, 0);
        assertThat(h.over()).isEqualTo(1);
        assertThatThrownBy(() -> VolumeTools.stats(v, new boolean[24])).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no voxels");
    }

    @Test
    void centralSlices() {
        Volume v = ramp(6, 4, 8);
        Map2D xy = VolumeTools.centralSlice(v, VolumeTools.Plane.XY);
        assertThat(xy.nx()).isEqualTo(6);
        assertThat(xy.ny()).isEqualTo(4);
        Map2D xz = VolumeTools.centralSlice(v, VolumeTools.Plane.XZ);
        assertThat(xz.ny()).isEqualTo(8);
        Map2D yz = VolumeTools.centralSlice(v, VolumeTools.Plane.YZ);
        assertThat(yz.nx()).isEqualTo(4);
        assertThat(yz.pixelSizeY()).isEqualTo(1.5);
    }

    @Test
    void nonFiniteProjectionsAndOversizedVolumesAreRefused() {
        float[][] p = new float[3][2 * 5];
        p[1][7] = Float.NaN;
        p[2][0] = Float.POSITIVE_INFINITY;
        Sinograms s = Sinograms.ofProjections(p, 2, 5);
        assertThatThrownBy(() -> s.requireFinite("in.h5::/data")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("in.h5::/data: 2 NaN/Inf values").hasMessageContaining("projection 1, row 1, bin 2");
        ParallelGeometry g = ParallelGeometry.ofDegrees(ParallelGeometry.evenDegrees(0, 180, 720), 2048);
        assertThatThrownBy(() -> Reconstructor.checkMemory(g, 2048, 1, Reconstructor.Method.SIRT, 4L << 30, "--memory 4G"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("--memory 4G").hasMessageContaining("2048 x 2048 x 2048");
    }

    @Test
    void erosionRemovesTheEdgeRing() {
        int n = 7;
        boolean[] m = new boolean[n * n * 2];
        for (int z = 0; z < 2; z++) {
            for (int y = 1; y < 6; y++) {
                for (int x = 1; x < 6; x++) {
                    m[(z * n + y) * n + x] = true;
                }
            }
        }
        boolean[] e = VolumeTools.erodeXY(m, n, n, 2, 1);
        int count = 0;
        for (boolean b : e) {
            count += b ? 1 : 0;
        }
        assertThat(count).isEqualTo(2 * 9);
        assertThat(e[(n + 3) * n + 3]).isTrue();
        assertThat(e[(n + 1) * n + 1]).isFalse();
    }
}
