# Parity reference: scikit-image radon/iradon on the Shepp-Logan phantom. Writes raw little-endian float64
# arrays into the directory given as argv[1]: phantom (n x n), sinogram (angles x bins, i.e. skimage's
# (bins, angles) transposed), and one reconstruction per filter/interpolation.
import sys, os, json
import numpy as np
from skimage.data import shepp_logan_phantom
from skimage.transform import radon, iradon, rescale

out = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 256
n_angles = int(sys.argv[3]) if len(sys.argv) > 3 else 180
img = rescale(shepp_logan_phantom(), n / 400.0, mode='reflect', anti_aliasing=False)
theta = np.linspace(0., 180., n_angles, endpoint=False)
sino = radon(img, theta=theta, circle=True)
img.astype('<f8').tofile(os.path.join(out, 'phantom.bin'))
np.ascontiguousarray(sino.T).astype('<f8').tofile(os.path.join(out, 'sinogram.bin'))
for f in ['ramp', 'shepp-logan', 'cosine', 'hamming', 'hann']:
    for interp in ['linear', 'nearest']:
        rec = iradon(sino, theta=theta, filter_name=f, interpolation=interp, circle=True)
        rec.astype('<f8').tofile(os.path.join(out, 'rec_%s_%s.bin' % (f, interp)))
json.dump({'n': img.shape[0], 'bins': sino.shape[0], 'angles': n_angles,
           'min': float(img.min()), 'max': float(img.max())}, open(os.path.join(out, 'meta.json'), 'w'))
