package org.operando.cli.swaxs;

/**
 * Where a scan sits on the voltage curve.
 *
 * @param timeS      mean time of the scan, seconds since the start of the potentiostat record (NaN when unknown)
 * @param voltageV   mean working-electrode potential during the scan (NaN when unknown)
 * @param chargeMah  mean charge passed (NaN when unknown)
 * @param rest       the scan fell in a rest (no current)
 */
public record ScanElectrochemistry(double timeS, double voltageV, double chargeMah, boolean rest) {
    public static final ScanElectrochemistry UNKNOWN = new ScanElectrochemistry(Double.NaN, Double.NaN, Double.NaN, false);
}
