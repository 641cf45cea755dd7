package org.operando.data;

/**
 * Physical units used across operando. Every axis and value carries one, so that files, plots and reports
 * always say what a number means. {@link #symbol()} is for people (plots, reports), {@link #nexus()} is the
 * NeXus/UDUNITS spelling written into the {@code units} attribute of HDF5 datasets.
 */
public enum Unit {
    Q_INV_ANGSTROM("Å⁻¹", "1/angstrom"),
    Q_INV_NM("nm⁻¹", "1/nm"),
    TWO_THETA_DEG("°", "deg"),
    CHI_DEG("°", "deg"),
    RADIUS_MM("mm", "mm"),
    ANGSTROM("Å", "angstrom"),
    INV_ANGSTROM_SQUARED("Å⁻²", "1/angstrom^2"),
    NANOMETER("nm", "nm"),
    MICROMETER("µm", "um"),
    MILLIMETER("mm", "mm"),
    METER("m", "m"),
    PIXEL("px", "pixel"),
    ELECTRON_VOLT("eV", "eV"),
    KILO_ELECTRON_VOLT("keV", "keV"),
    SECOND("s", "s"),
    HOUR("h", "h"),
    VOLT("V", "V"),
    MILLIAMPERE("mA", "mA"),
    MILLIAMPERE_HOUR("mAh", "mA*h"),
    MILLIAMPERE_HOUR_PER_GRAM("mAh/g", "mA*h/g"),
    COUNTS("counts", "counts"),
    /** Relative change, e.g. ΔI/I. */
    RELATIVE("", "1"),
    DIMENSIONLESS("", "1"),
    ARBITRARY("a.u.", "a.u."),
    INV_CENTIMETER("cm⁻¹", "1/cm"),
    STERADIAN("sr", "sr");

    private final String symbol;
    private final String nexus;

    Unit(String symbol, String nexus) {
        this.symbol = symbol;
        this.nexus = nexus;
    }

    /** Symbol for people, e.g. {@code Å⁻¹}. */
    public String symbol() {
        return symbol;
    }

    /** NeXus {@code units} attribute value, e.g. {@code 1/angstrom}. */
    public String nexus() {
        return nexus;
    }

    /** "label (symbol)" or just "label" when dimensionless, for axis titles. */
    public String label(String quantity) {
        return symbol.isEmpty() ? quantity : quantity + " (" + symbol + ")";
    }
}
