/**
 * Azimuthal integration of detector frames: a sparse matrix built once per geometry, mask and binning
 * ({@link org.operando.integrate.Integrator}), pixel splitting ({@link org.operando.integrate.Split}),
 * corrections and Poisson uncertainties; geometry calibration from calibrant rings.
 */
package org.operando.integrate;
