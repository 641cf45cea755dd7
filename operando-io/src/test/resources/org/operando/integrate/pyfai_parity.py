"""Runs pyFAI's integrate1d on frames written by the Java parity test and writes the results back.

Usage: python3 pyfai_parity.py JOB.json
JOB.json: {"poni": path, "shape": [rows, cols], "frame": raw float32 LE path, "mask": raw uint8 path,
           "jobs": [{"name", "npt", "unit", "split", "polarization", "radial_range", "azimuth_range", "cake"}],
           "geometry_out": optional path prefix for tth/chi/q/solid-angle centre arrays (float64 LE)}
Every job writes NAME.radial, NAME.I, NAME.sigma, NAME.count (float64 LE) next to JOB.json; a job with "cake"
(number of chi bins) runs integrate2d and also writes NAME.chi (I and sigma are [chi, radial]).
"""
import json
import os
import sys

import numpy
import pyFAI

job = json.load(open(sys.argv[1]))
out = os.path.dirname(os.path.abspath(sys.argv[1]))
shape = tuple(job["shape"])
data = numpy.fromfile(job["frame"], dtype="<f4").reshape(shape)
mask = numpy.fromfile(job["mask"], dtype=numpy.uint8).reshape(shape).astype(numpy.int8)
ai = pyFAI.load(job["poni"])
for j in job["jobs"]:
    ai = pyFAI.load(job["poni"])  # a fresh integrator per job: no engine state shared between 1D and 2D jobs
    kw = {}
    if j.get("polarization") is not None:
        kw["polarization_factor"] = j["polarization"]
    if j.get("radial_range") is not None:
        kw["radial_range"] = tuple(j["radial_range"])
    if j.get("azimuth_range") is not None:
        kw["azimuth_range"] = tuple(j["azimuth_range"])
    name = os.path.join(out, j["name"])
    if j.get("cake"):
        # 2D: I[chi, radial]; pyFAI 0.21 leaves count unset in 2D (the Java side uses its own pixel counts)
        # pyFAI 0.21's 2D CSR engine now and then returns a wrong cake (all bins empty, or values far off) from a
        # freshly built integrator, and the wrong cakes differ from each other; a cake is accepted only when two
        # fresh computations (any two of up to 12, not only successive ones) agree exactly
        seen = []
        for attempt in range(12):
            ai = pyFAI.load(job["poni"])
            r = ai.integrate2d(data, j["npt"], j["cake"], unit=j["unit"], method=(j["split"], "csr", "cython"),
                               mask=mask, error_model="poisson", **kw)
            # two all-empty cakes are equal too: a cake must also have filled bins to count
            filled = numpy.count_nonzero(numpy.nan_to_num(r.intensity)) >= 0.1 * r.intensity.size
            if filled and any(numpy.array_equal(r.intensity, s.intensity, equal_nan=True) for s in seen):
                break
            if filled:
                seen.append(r)
        else:
            sys.exit("pyFAI integrate2d gave no two equal results in 12 attempts for job " + j["name"])
        numpy.asarray(r.azimuthal, dtype="<f8").tofile(name + ".chi")
        count = r.sum_normalization
    else:
        r = ai.integrate1d(data, j["npt"], unit=j["unit"], method=(j["split"], "csr", "cython"), mask=mask,
                           error_model="poisson", **kw)
        count = r.count
    numpy.asarray(r.radial, dtype="<f8").tofile(name + ".radial")
    numpy.asarray(r.intensity, dtype="<f8").ravel().tofile(name + ".I")
    numpy.asarray(r.sigma, dtype="<f8").ravel().tofile(name + ".sigma")
    numpy.asarray(count, dtype="<f8").ravel().tofile(name + ".count")
if job.get("geometry_out"):
    g = job["geometry_out"]
    numpy.asarray(ai.twoThetaArray(shape), dtype="<f8").tofile(g + ".tth")
    numpy.asarray(ai.chiArray(shape), dtype="<f8").tofile(g + ".chi")
    numpy.asarray(ai.qArray(shape), dtype="<f8").tofile(g + ".q")
    numpy.asarray(ai.solidAngleArray(shape), dtype="<f8").tofile(g + ".sa")
print("pyFAI", pyFAI.version)
