"""Runs pyFAI's integrate1d on frames written by the Java parity test and writes the results back.

Usage: python3 pyfai_parity.py JOB.json
JOB.json: {"poni": path, "shape": [rows, cols], "frame": raw float32 LE path, "mask": raw uint8 path,
           "jobs": [{"name", "npt", "unit", "split", "polarization", "radial_range", "azimuth_range"}],
           "geometry_out": optional path prefix for tth/chi/q/solid-angle centre arrays (float64 LE)}
Every job writes NAME.radial, NAME.I, NAME.sigma, NAME.count (float64 LE) next to JOB.json.
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
    kw = {}
    if j.get("polarization") is not None:
        kw["polarization_factor"] = j["polarization"]
    if j.get("radial_range") is not None:
        kw["radial_range"] = tuple(j["radial_range"])
    if j.get("azimuth_range") is not None:
        kw["azimuth_range"] = tuple(j["azimuth_range"])
    r = ai.integrate1d(data, j["npt"], unit=j["unit"], method=(j["split"], "csr", "cython"), mask=mask,
                       error_model="poisson", **kw)
    name = os.path.join(out, j["name"])
    numpy.asarray(r.radial, dtype="<f8").tofile(name + ".radial")
    numpy.asarray(r.intensity, dtype="<f8").tofile(name + ".I")
    numpy.asarray(r.sigma, dtype="<f8").tofile(name + ".sigma")
    numpy.asarray(r.count, dtype="<f8").tofile(name + ".count")
if job.get("geometry_out"):
    g = job["geometry_out"]
    numpy.asarray(ai.twoThetaArray(shape), dtype="<f8").tofile(g + ".tth")
    numpy.asarray(ai.chiArray(shape), dtype="<f8").tofile(g + ".chi")
    numpy.asarray(ai.qArray(shape), dtype="<f8").tofile(g + ".q")
    numpy.asarray(ai.solidAngleArray(shape), dtype="<f8").tofile(g + ".sa")
print("pyFAI", pyFAI.version)
