package org.operando.integrate;

import java.util.Locale;
import org.operando.util.InvalidInputException;

/** How a pixel is shared between bins. */
public enum Split {
    /** Each pixel goes whole to the bin of its centre. */
    NONE,
    /** Each pixel is spread uniformly over the bounding box of its corners (pyFAI "bbox"). */
    BBOX,
    /** Each pixel is spread by the exact area of its quadrilateral in (radial, χ) space (pyFAI "full"). */
    FULL;

    /** pyFAI's name: no, bbox, full. */
    public String pyfaiName() {
        return switch (this) {
            case NONE -> "no";
            case BBOX -> "bbox";
            case FULL -> "full";
        };
    }

    public static Split parse(String s, String option) {
        if (s != null) {
            switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "none", "no" -> {
                    return NONE;
                }
                case "bbox" -> {
                    return BBOX;
                }
                case "full", "pseudo" -> {
                    return FULL;
                }
                default -> { }
            }
        }
        throw new InvalidInputException(option + ": unknown pixel splitting '" + s + "'; expected none, bbox or full");
    }
}
