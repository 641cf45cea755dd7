package org.operando.tomo;

/**
 * A linear tomographic system A (rays × pixels of one slice) with its exact transpose. Values of several
 * channels (q-bins, energies, Q values) that share the geometry are interleaved, channel fastest:
 * {@code x[pixel * nc + k]}, {@code y[ray * nc + k]} with ray = angle · nDet + bin, pixel = row · n + column.
 * The system weights are computed (or looked up) once per ray and applied to all channels.
 */
public interface TomoOperator {
    ParallelGeometry geometry();

    /** y = A x (y is overwritten). {@code parallel}: use the shared pool inside this call. */
    void forward(float[] x, float[] y, int nc, boolean parallel);

    /** x = Aᵀ y (x is overwritten). */
    void adjoint(float[] y, float[] x, int nc, boolean parallel);

    /** Σ_pixels A[ray, pixel] for every ray (the projection of an all-ones image). */
    default float[] rowSums() {
        ParallelGeometry g = geometry();
        float[] ones = new float[g.pixelCount()];
        java.util.Arrays.fill(ones, 1f);
        float[] out = new float[g.rayCount()];
        forward(ones, out, 1, true);
        return out;
    }

    /** Σ_rays A[ray, pixel] for every pixel (the back-projection of an all-ones sinogram). */
    default float[] columnSums() {
        ParallelGeometry g = geometry();
        float[] ones = new float[g.rayCount()];
        java.util.Arrays.fill(ones, 1f);
        float[] out = new float[g.pixelCount()];
        adjoint(ones, out, 1, true);
        return out;
    }
}
