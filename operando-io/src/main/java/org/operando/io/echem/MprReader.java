package org.operando.io.echem;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.operando.echem.EchemRecord;
import org.operando.util.InvalidInputException;

/**
 * BioLogic EC-Lab binary files (.mpr). The format is not published; this reader follows the layout that the
 * open-source parsers (galvani, yadg/eclabfiles) established by reverse engineering, checked here against a
 * real file and its own charge column:
 *
 * <ul>
 *   <li>52-byte magic "BIO-LOGIC MODULAR FILE\x1a", padded with spaces, then 4 zero bytes;</li>
 *   <li>modules, each "MODULE" + header: short name (10 bytes), long name (25), then either length (u32),
 *       version (u32), date (8; EC-Lab &lt; 11.50) or max length, length, old version, new version (u32 each),
 *       date (8; EC-Lab ≥ 11.50), then {@code length} bytes of content; all little-endian;</li>
 *   <li>"VMP data": number of points (u32), number of columns (u8), column IDs (u8 for version 0; u16 for
 *       versions 2/3 little-endian, 10/11 big-endian), data from byte 100 (v0), 0x195 (v2), 0x196 (v3) or
 *       0x3EF (v10/11); one packed record per point whose layout the column IDs define (the IDs 1, 2, 3, 21,
 *       31, 65 are bit flags packed into one byte: mode = bits 0–1, 1 = galvanostatic, 2 = potentiostatic,
 *       3 = rest);</li>
 *   <li>"VMP LOG": the acquisition start as an OLE date (days since 1899-12-30) at one of a few offsets;</li>
 *   <li>"VMP Set": settings; the active material mass (f32) at 0x107 and the electrode material (Pascal
 *       string) at 0x11E.</li>
 * </ul>
 *
 * Trust: a truncated file yields its complete records with a message giving the byte offset where it ends;
 * an unknown column ID is tolerated when its width can be inferred (only one unknown) or when it comes after
 * every column needed; an unknown data-module version is tolerated when the data offset can be inferred from
 * the module length. Otherwise an {@link InvalidInputException} names the file, the byte offset and what was
 * expected.
 */
public final class MprReader {
    static final byte[] MAGIC;

    static {
        byte[] m = new byte[52];
        Arrays.fill(m, (byte) ' ');
        byte[] head = "BIO-LOGIC MODULAR FILE\u001a".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, m, 0, head.length);
        for (int k = 48; k < 52; k++) {
            m[k] = 0;
        }
        MAGIC = m;
    }

    private MprReader() { }

    enum Role { TIME, VOLTAGE, VOLTAGE_MEAN, CURRENT, CURRENT_MEAN, CHARGE, CHARGE_C, DQ, DQ_C, CYCLE, HALF, STEP, FREQ, OTHER }

    /** Column: name, byte width, type code (f = float, u = unsigned int), role. */
    record Col(String name, int width, char type, Role role) { }

    static final Map<Integer, Col> COLUMNS = new HashMap<>();
    static final Map<Integer, String> FLAGS = new HashMap<>();

    private static void col(int id, String name, String dtype, Role role) {
        COLUMNS.put(id, new Col(name, Integer.parseInt(dtype.substring(1)), dtype.charAt(0), role));
    }

    static {
        FLAGS.put(1, "mode");
        FLAGS.put(2, "ox/red");
        FLAGS.put(3, "error");
        FLAGS.put(21, "control changes");
        FLAGS.put(31, "Ns changes");
        FLAGS.put(65, "counter inc.");
        col(4, "time/s", "f8", Role.TIME);
        col(5, "control/V/mA", "f4", Role.OTHER);
        col(6, "Ewe/V", "f4", Role.VOLTAGE);
        col(7, "dQ/mA.h", "f8", Role.DQ);
        col(8, "I/mA", "f4", Role.CURRENT);
        col(9, "Ece/V", "f4", Role.OTHER);
        col(11, "I/mA", "f8", Role.CURRENT);
        col(13, "(Q-Qo)/mA.h", "f8", Role.CHARGE);
        col(16, "Analog IN 1/V", "f4", Role.OTHER);
        col(19, "control/V", "f4", Role.OTHER);
        col(20, "control/mA", "f4", Role.OTHER);
        col(23, "dQ/mA.h", "f8", Role.DQ);
        col(24, "cycle number", "f8", Role.CYCLE);
        col(26, "Rapp/Ohm", "f4", Role.OTHER);
        col(32, "freq/Hz", "f4", Role.FREQ);
        col(33, "|Ewe|/V", "f4", Role.OTHER);
        col(34, "|I|/A", "f4", Role.OTHER);
        col(35, "Phase(Z)/deg", "f4", Role.OTHER);
        col(36, "|Z|/Ohm", "f4", Role.OTHER);
        col(37, "Re(Z)/Ohm", "f4", Role.OTHER);
        col(38, "-Im(Z)/Ohm", "f4", Role.OTHER);
        col(39, "I Range", "u2", Role.OTHER);
        col(69, "R/Ohm", "f4", Role.OTHER);
        col(70, "P/W", "f4", Role.OTHER);
        col(74, "Energy/W.h", "f8", Role.OTHER);
        col(75, "Analog OUT/V", "f4", Role.OTHER);
        col(76, "<I>/mA", "f4", Role.CURRENT_MEAN);
        col(77, "<Ewe>/V", "f4", Role.VOLTAGE_MEAN);
        col(78, "Cs-2/µF-2", "f4", Role.OTHER);
        col(96, "|Ece|/V", "f4", Role.OTHER);
        col(98, "Phase(Zce)/deg", "f4", Role.OTHER);
        col(99, "|Zce|/Ohm", "f4", Role.OTHER);
        col(100, "Re(Zce)/Ohm", "f4", Role.OTHER);
        col(101, "-Im(Zce)/Ohm", "f4", Role.OTHER);
        col(123, "Energy charge/W.h", "f8", Role.OTHER);
        col(124, "Energy discharge/W.h", "f8", Role.OTHER);
        col(125, "Capacitance charge/µF", "f8", Role.OTHER);
        col(126, "Capacitance discharge/µF", "f8", Role.OTHER);
        col(131, "Ns", "u2", Role.STEP);
        col(163, "|Estack|/V", "f4", Role.OTHER);
        col(168, "Rcmp/Ohm", "f4", Role.OTHER);
        col(169, "Cs/µF", "f4", Role.OTHER);
        col(172, "Cp/µF", "f4", Role.OTHER);
        col(173, "Cp-2/µF-2", "f4", Role.OTHER);
        col(174, "<Ewe>/V", "f4", Role.VOLTAGE_MEAN);
        col(241, "|E1|/V", "f4", Role.OTHER);
        col(242, "|E2|/V", "f4", Role.OTHER);
        col(271, "Phase(Z1)/deg", "f4", Role.OTHER);
        col(272, "Phase(Z2)/deg", "f4", Role.OTHER);
        col(301, "|Z1|/Ohm", "f4", Role.OTHER);
        col(302, "|Z2|/Ohm", "f4", Role.OTHER);
        col(326, "P/W", "f4", Role.OTHER);
        col(430, "Phase(Zwe-ce)/deg", "f4", Role.OTHER);
        col(431, "|Zwe-ce|/Ohm", "f4", Role.OTHER);
        col(432, "Re(Zwe-ce)/Ohm", "f4", Role.OTHER);
        col(433, "-Im(Zwe-ce)/Ohm", "f4", Role.OTHER);
        col(434, "(Q-Qo)/C", "f4", Role.CHARGE_C);
        col(435, "dQ/C", "f4", Role.DQ_C);
        col(441, "<Ecv>/V", "f4", Role.OTHER);
        col(462, "Temperature/°C", "f4", Role.OTHER);
        col(467, "Q charge/discharge/mA.h", "f8", Role.OTHER);
        col(468, "half cycle", "u4", Role.HALF);
        col(469, "z cycle", "u4", Role.OTHER);
        col(471, "<Ece>/V", "f4", Role.OTHER);
        col(473, "THD Ewe/%", "f4", Role.OTHER);
        col(474, "THD I/%", "f4", Role.OTHER);
        col(476, "NSD Ewe/%", "f4", Role.OTHER);
        col(477, "NSD I/%", "f4", Role.OTHER);
        col(479, "NSR Ewe/%", "f4", Role.OTHER);
        col(480, "NSR I/%", "f4", Role.OTHER);
    }

    public static EchemRecord read(Path path) throws IOException {
        long size = Files.size(path);
        if (size > Integer.MAX_VALUE - 16) {
            throw new InvalidInputException(path + ": " + size + " bytes; .mpr files above 2 GiB are not supported");
        }
        return parse(path.toString(), Files.readAllBytes(path));
    }

    /** One module as found in the file. */
    record Module(String shortName, int version, int headerStart, int contentStart, long declaredLength,
                  int availableLength, String date) { }

    static EchemRecord parse(String file, byte[] b) {
        if (b.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(b, MAGIC.length), MAGIC)) {
            throw new InvalidInputException(file + ": byte 0: not a BioLogic .mpr file (expected the 52-byte magic"
                    + " 'BIO-LOGIC MODULAR FILE')");
        }
        Problems p = new Problems(file);
        List<Module> modules = modules(file, b, p);
        Module data = null;
        Module log = null;
        Module set = null;
        for (Module m : modules) {
            switch (m.shortName()) {
                case "VMP data" -> data = data == null ? m : data;
                case "VMP LOG" -> log = log == null ? m : log;
                case "VMP Set" -> set = set == null ? m : set;
                default -> { }
            }
        }
        if (data == null) {
            throw new InvalidInputException(file + ": no 'VMP data' module found (modules: "
                    + modules.stream().map(Module::shortName).toList() + ")");
        }
        return readData(file, b, data, log, set, p);
    }

    private static boolean looksLikeDate(byte[] b, int at) {
        if (at < 0 || at + 8 > b.length) {
            return false;
        }
        for (int k = 0; k < 8; k++) {
            int c = b[at + k] & 0xff;
            boolean sep = k == 2 || k == 5;
            if (sep ? !(c == '/' || c == '.' || c == '-') : !(c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isModuleAt(byte[] b, long at) {
        if (at == b.length) {
            return true;
        }
        if (at < 0 || at + 6 > b.length) {
            return false;
        }
        return b[(int) at] == 'M' && b[(int) at + 1] == 'O' && b[(int) at + 2] == 'D' && b[(int) at + 3] == 'U'
                && b[(int) at + 4] == 'L' && b[(int) at + 5] == 'E';
    }

    static List<Module> modules(String file, byte[] b, Problems p) {
        List<Module> out = new ArrayList<>();
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int pos = MAGIC.length;
        while (pos < b.length) {
            if (!isModuleAt(b, pos)) {
                p.add("no module", "byte " + pos + ": expected 'MODULE', found '" + ascii(b, pos, 6)
                        + "' — the rest of the file (" + (b.length - pos) + " bytes) is ignored");
                break;
            }
            int h = pos + 6;
            // Candidate layouts: new (59-byte header) and old (51-byte header).
            Module chosen = null;
            for (int layout = 0; layout < 2 && chosen == null; layout++) {
                int hdr = layout == 0 ? 59 : 51;
                if (h + hdr > b.length) {
                    continue;
                }
                long length = layout == 0 ? Integer.toUnsignedLong(bb.getInt(h + 39)) : Integer.toUnsignedLong(bb.getInt(h + 35));
                int version = layout == 0 ? bb.getInt(h + 43) + bb.getInt(h + 47) : bb.getInt(h + 39);
                int dateAt = h + hdr - 8;
                long end = (long) h + hdr + length;
                if (looksLikeDate(b, dateAt) && (isModuleAt(b, end) || end > b.length)) {
                    chosen = new Module(ascii(b, h, 10).trim(), version, pos, h + hdr, length,
                            (int) Math.min(length, b.length - (long) (h + hdr)), ascii(b, dateAt, 8));
                }
            }
            if (chosen == null) {
                if (h + 51 > b.length) {
                    p.add("truncated", "byte " + pos + ": module header truncated (file ends at byte " + b.length + ")");
                } else {
                    p.add("bad module header", "byte " + pos + ": module header not understood (neither the EC-Lab"
                            + " < 11.50 nor the ≥ 11.50 layout is consistent: no date or length) — the rest of the"
                            + " file is ignored");
                }
                break;
            }
            out.add(chosen);
            if (chosen.availableLength() < chosen.declaredLength()) {
                p.add("truncated", "byte " + chosen.headerStart() + ": module '" + chosen.shortName() + "' declares "
                        + chosen.declaredLength() + " bytes but the file ends after " + chosen.availableLength()
                        + " (at byte " + b.length + ")");
                break;
            }
            pos = (int) (chosen.contentStart() + chosen.declaredLength());
        }
        return out;
    }

    private static String ascii(byte[] b, int at, int n) {
        StringBuilder sb = new StringBuilder();
        for (int k = at; k < Math.min(b.length, at + n); k++) {
            int c = b[k] & 0xff;
            sb.append(c >= 32 && c < 127 ? (char) c : '?');
        }
        return sb.toString();
    }

    private static EchemRecord readData(String file, byte[] b, Module m, Module log, Module set, Problems p) {
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int c0 = m.contentStart();
        int avail = m.availableLength();
        if (avail < 5) {
            throw new InvalidInputException(file + ": byte " + c0 + ": 'VMP data' module too short for its header");
        }
        long nDeclared = Integer.toUnsignedLong(bb.getInt(c0));
        int nCols = b[c0 + 4] & 0xff;
        int version = m.version();
        int idSize;
        boolean bigEndianIds = false;
        int dataOffset;
        switch (version) {
            case 0 -> { idSize = 1; dataOffset = 100; }
            case 2 -> { idSize = 2; dataOffset = 0x195; }
            case 3 -> { idSize = 2; dataOffset = 0x196; }
            case 10, 11 -> { idSize = 2; bigEndianIds = true; dataOffset = 0x3EF; }
            default -> { idSize = 2; dataOffset = -1; }
        }
        if (5 + (long) nCols * idSize > avail) {
            throw new InvalidInputException(file + ": byte " + (c0 + 5) + ": 'VMP data' column list (" + nCols
                    + " IDs) runs past the end of the file");
        }
        int[] ids = new int[nCols];
        for (int k = 0; k < nCols; k++) {
            int at = c0 + 5 + k * idSize;
            if (idSize == 1) {
                ids[k] = b[at] & 0xff;
            } else if (bigEndianIds) {
                ids[k] = ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
            } else {
                ids[k] = (b[at] & 0xff) | ((b[at + 1] & 0xff) << 8);
            }
        }
        // Layout: offsets of the columns; flags share one byte. Unknown IDs have unknown width at first.
        int nc = ids.length;
        int[] offset = new int[nc];
        int[] lay = layout(ids, -1, offset);
        int knownWidth = lay[0];
        int flagsOffset = lay[1];
        int unknownCount = lay[2];
        int unknownAt = lay[3];
        int recordSize = -1;
        if (unknownCount == 0) {
            recordSize = knownWidth;
        } else if (dataOffset >= 0 && nDeclared > 0 && m.declaredLength() > dataOffset) {
            long rest = m.declaredLength() - dataOffset;
            if (rest % nDeclared == 0 && rest / nDeclared > knownWidth && rest / nDeclared - knownWidth <= 64) {
                recordSize = (int) (rest / nDeclared);
            }
        }
        if (dataOffset < 0) {
            // Unknown module version: infer where the data start from the declared length.
            if (recordSize > 0 && nDeclared > 0) {
                long start = m.declaredLength() - nDeclared * recordSize;
                if (start >= 5 + (long) nCols * idSize && start <= 4096) {
                    dataOffset = (int) start;
                    p.add("unknown version", "byte " + m.headerStart() + ": 'VMP data' module version " + version
                            + " is not one of 0, 2, 3, 10, 11; data start inferred from the module length at byte "
                            + (c0 + dataOffset));
                }
            }
            if (dataOffset < 0) {
                throw new InvalidInputException(file + ": byte " + m.headerStart() + ": 'VMP data' module version "
                        + version + " is not understood (expected 0, 2, 3, 10 or 11) and the data offset cannot be"
                        + " inferred");
            }
        }
        // Unknown column(s): one → its width is inferred from the record size; several → only the columns
        // before the first are read.
        int usable = nc;
        if (unknownCount > 0) {
            if (unknownCount == 1 && recordSize > 0) {
                int w = recordSize - knownWidth;
                lay = layout(ids, w, offset);
                flagsOffset = lay[1];
                p.add("unknown column", "byte " + (c0 + 5 + unknownAt * idSize) + ": column ID " + ids[unknownAt]
                        + " is unknown; its width (" + w + " bytes) was inferred from the record size and it is skipped");
            } else {
                usable = unknownAt;
                if (recordSize < 0) {
                    throw new InvalidInputException(file + ": byte " + (c0 + 5 + unknownAt * idSize) + ": column ID "
                            + ids[unknownAt] + " is unknown and the record size cannot be inferred, so no data point"
                            + " can be located");
                }
                p.add("unknown column", "byte " + (c0 + 5 + unknownAt * idSize) + ": column ID " + ids[unknownAt]
                        + " is unknown and its width cannot be inferred; only the " + unknownAt
                        + " columns before it are read");
            }
        }
        if (recordSize <= 0) {
            throw new InvalidInputException(file + ": byte " + (c0 + 5) + ": 'VMP data' declares no data columns");
        }
        long availableRecords = Math.max(0, (avail - (long) dataOffset) / recordSize);
        long n = Math.min(nDeclared, availableRecords);
        if (n < nDeclared) {
            long endByte = (long) c0 + dataOffset + n * recordSize;
            p.add("truncated", "byte " + endByte + ": the header declares " + nDeclared + " data points but only "
                    + n + " complete records are in the file (" + (avail - dataOffset - n * recordSize)
                    + " bytes of a partial record ignored)");
        } else if (m.declaredLength() > dataOffset + nDeclared * recordSize) {
            p.add("extra bytes", "byte " + (c0 + dataOffset + nDeclared * recordSize) + ": "
                    + (m.declaredLength() - dataOffset - nDeclared * recordSize)
                    + " bytes after the declared data points ignored");
        }
        if (n == 0) {
            throw new InvalidInputException(file + ": byte " + (c0 + dataOffset) + ": no complete data record ("
                    + nDeclared + " declared, record size " + recordSize + " bytes)" + firstProblem(p));
        }
        int count = (int) n;
        Map<Role, Integer> first = new HashMap<>();
        for (int k = 0; k < usable; k++) {
            Col c = COLUMNS.get(ids[k]);
            if (c != null && offset[k] >= 0) {
                first.putIfAbsent(c.role(), k);
            }
        }
        Integer tCol = first.get(Role.TIME);
        Integer vCol = first.containsKey(Role.VOLTAGE) ? first.get(Role.VOLTAGE) : first.get(Role.VOLTAGE_MEAN);
        if (tCol == null || vCol == null) {
            throw new InvalidInputException(file + ": 'VMP data' has no " + (tCol == null ? "time/s (column ID 4)"
                    : "Ewe/V (column ID 6 or 77)") + " column among the readable columns " + Arrays.toString(
                    Arrays.copyOf(ids, usable)));
        }
        Integer iCol = first.containsKey(Role.CURRENT) ? first.get(Role.CURRENT) : first.get(Role.CURRENT_MEAN);
        Integer qCol = first.get(Role.CHARGE);
        Integer qcCol = first.get(Role.CHARGE_C);
        Integer dqCol = first.get(Role.DQ);
        Integer cycCol = first.get(Role.CYCLE);
        Integer halfCol = first.get(Role.HALF);
        Integer stepCol = first.get(Role.STEP);
        Integer freqCol = first.get(Role.FREQ);
        int base = c0 + dataOffset;
        double[] t = new double[count];
        double[] v = new double[count];
        double[] cur = iCol != null ? new double[count] : null;
        double[] q = (qCol != null || qcCol != null || dqCol != null) ? new double[count] : null;
        int[] cyc = cycCol != null ? new int[count] : null;
        int[] half = halfCol != null ? new int[count] : null;
        int[] step = stepCol != null ? new int[count] : null;
        EchemRecord.Mode[] mode = (flagsOffset >= 0 && hasId(ids, 1)) || freqCol != null
                ? new EchemRecord.Mode[count] : null;
        double qAcc = 0;
        int kept = 0;
        double lastT = Double.NEGATIVE_INFINITY;
        int halfMax = 0;
        for (int r = 0; r < count; r++) {
            int rb = base + r * recordSize;
            double ti = num(bb, rb, offset[tCol], COLUMNS.get(ids[tCol]));
            double vi = num(bb, rb, offset[vCol], COLUMNS.get(ids[vCol]));
            if (!Double.isFinite(ti) || !Double.isFinite(vi) || Math.abs(vi) > 100 || ti < lastT) {
                p.add("bad record", "byte " + rb + " (record " + r + "): "
                        + (!Double.isFinite(ti) ? "time is not finite" : ti < lastT ? "time " + ti
                        + " s goes back from " + lastT + " s" : "Ewe = " + vi + " V is not plausible") + " — record skipped");
                continue;
            }
            lastT = ti;
            t[kept] = ti;
            v[kept] = vi;
            if (cur != null) {
                cur[kept] = num(bb, rb, offset[iCol], COLUMNS.get(ids[iCol]));
            }
            if (q != null) {
                if (qCol != null) {
                    q[kept] = num(bb, rb, offset[qCol], COLUMNS.get(ids[qCol]));
                } else if (qcCol != null) {
                    q[kept] = num(bb, rb, offset[qcCol], COLUMNS.get(ids[qcCol])) / 3.6;
                } else {
                    double d = num(bb, rb, offset[dqCol], COLUMNS.get(ids[dqCol]));
                    if (kept > 0 && Double.isFinite(d)) {
                        qAcc += d;
                    }
                    q[kept] = qAcc;
                }
            }
            if (cyc != null) {
                cyc[kept] = (int) Math.round(num(bb, rb, offset[cycCol], COLUMNS.get(ids[cycCol])));
            }
            if (half != null) {
                half[kept] = (int) Math.round(num(bb, rb, offset[halfCol], COLUMNS.get(ids[halfCol])));
                halfMax = Math.max(halfMax, half[kept]);
            }
            if (step != null) {
                step[kept] = (int) Math.round(num(bb, rb, offset[stepCol], COLUMNS.get(ids[stepCol])));
            }
            if (mode != null) {
                EchemRecord.Mode md = EchemRecord.Mode.UNKNOWN;
                if (flagsOffset >= 0 && hasId(ids, 1)) {
                    int fl = b[rb + flagsOffset] & 0x03;
                    md = fl == 1 ? EchemRecord.Mode.GALVANOSTATIC : fl == 2 ? EchemRecord.Mode.POTENTIOSTATIC
                            : fl == 3 ? EchemRecord.Mode.REST : EchemRecord.Mode.UNKNOWN;
                }
                if (freqCol != null && num(bb, rb, offset[freqCol], COLUMNS.get(ids[freqCol])) > 0) {
                    md = EchemRecord.Mode.IMPEDANCE;
                }
                mode[kept] = md;
            }
            kept++;
        }
        if (kept == 0) {
            throw new InvalidInputException(file + ": no data record could be trusted" + firstProblem(p));
        }
        double t0 = t[0];
        double[] tt = new double[kept];
        for (int k = 0; k < kept; k++) {
            tt[k] = t[k] - t0;
        }
        EchemRecord.Builder bld = EchemRecord.builder(file, tt, Arrays.copyOf(v, kept));
        if (cur != null) {
            bld.current(Arrays.copyOf(cur, kept));
        } else {
            p.add("no current", "'VMP data' has no current column (I/mA, column ID 8, 11 or 76)");
        }
        if (q != null) {
            double[] qq = Arrays.copyOf(q, kept);
            double q0 = qq[0];
            for (int k = 0; k < kept; k++) {
                qq[k] -= q0;
            }
            bld.charge(qq);
        }
        if (cyc != null) {
            int[] c = Arrays.copyOf(cyc, kept);
            int min = Arrays.stream(c).min().orElse(0);
            for (int k = 0; k < kept; k++) {
                c[k] -= min;
            }
            bld.cycle(c);
        }
        if (half != null && halfMax > 0) {
            bld.halfCycle(Arrays.copyOf(half, kept));
        }
        if (step != null) {
            bld.step(Arrays.copyOf(step, kept));
        }
        if (mode != null) {
            bld.mode(Arrays.copyOf(mode, kept));
        }
        bld.metadata("format", "BioLogic EC-Lab .mpr (data module version " + version + ")");
        bld.metadata("columns", describe(ids, usable));
        LocalDateTime start = log != null ? startFromLog(b, log) : null;
        if (start != null) {
            bld.start(start);
        } else {
            p.add("no start", "no acquisition start time found (no readable 'VMP LOG' module)");
        }
        if (set != null) {
            settings(b, set, bld);
        }
        bld.warnings(p.messages());
        return bld.build();
    }

    /**
     * Byte offsets of the columns within a record. Returns {width up to the first unknown column (or the
     * whole record when unknownWidth ≥ 0), flags byte offset or −1, number of unknown IDs, index of the first
     * unknown or −1}. Columns after an unknown one get offset −1 unless unknownWidth ≥ 0.
     */
    static int[] layout(int[] ids, int unknownWidth, int[] offset) {
        int pos = 0;
        int flagsOffset = -1;
        boolean flagsSeen = false;
        int unknown = 0;
        int firstUnknown = -1;
        for (int k = 0; k < ids.length; k++) {
            int id = ids[k];
            boolean blocked = firstUnknown >= 0 && unknownWidth < 0;
            if (FLAGS.containsKey(id)) {
                if (!flagsSeen) {
                    flagsSeen = true;
                    flagsOffset = blocked ? -1 : pos;
                    pos += 1;
                }
                offset[k] = blocked ? -1 : flagsOffset;
            } else if (COLUMNS.containsKey(id)) {
                offset[k] = blocked ? -1 : pos;
                pos += COLUMNS.get(id).width();
            } else {
                unknown++;
                if (firstUnknown < 0) {
                    firstUnknown = k;
                }
                offset[k] = -1;
                pos += Math.max(0, unknownWidth);
            }
        }
        return new int[] {pos, flagsOffset, unknown, firstUnknown};
    }

    private static String firstProblem(Problems p) {
        List<String> m = p.messages();
        return m.isEmpty() ? "" : "; " + m.get(0);
    }

    private static boolean hasId(int[] ids, int id) {
        for (int x : ids) {
            if (x == id) {
                return true;
            }
        }
        return false;
    }

    private static String describe(int[] ids, int usable) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < usable; k++) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            String name = FLAGS.containsKey(ids[k]) ? FLAGS.get(ids[k])
                    : COLUMNS.containsKey(ids[k]) ? COLUMNS.get(ids[k]).name() : "unknown(" + ids[k] + ")";
            sb.append(name);
        }
        return sb.toString();
    }

    private static double num(ByteBuffer bb, int recordBase, int off, Col c) {
        int at = recordBase + off;
        return switch (c.type()) {
            case 'f' -> c.width() == 8 ? bb.getDouble(at) : bb.getFloat(at);
            default -> switch (c.width()) {
                case 1 -> bb.get(at) & 0xff;
                case 2 -> bb.getShort(at) & 0xffff;
                case 4 -> Integer.toUnsignedLong(bb.getInt(at));
                default -> bb.getLong(at);
            };
        };
    }

    static final int[] LOG_TIMESTAMP_OFFSETS = {465, 469, 473, 585};

    private static LocalDateTime startFromLog(byte[] b, Module log) {
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        for (int off : LOG_TIMESTAMP_OFFSETS) {
            if (off + 8 <= log.availableLength()) {
                double days = bb.getDouble(log.contentStart() + off);
                // OLE automation date: days since 1899-12-30; plausible acquisitions 1990 … 2100
                if (days > 32874 && days < 73051) {
                    long ms = Math.round(days * 86_400_000.0);
                    return LocalDateTime.of(1899, 12, 30, 0, 0).plusNanos((ms % 1000) * 1_000_000L)
                            .plusSeconds(ms / 1000);
                }
            }
        }
        return null;
    }

    private static void settings(byte[] b, Module set, EchemRecord.Builder bld) {
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int c = set.contentStart();
        if (0x10B <= set.availableLength()) {
            float mass = bb.getFloat(c + 0x107);
            if (Float.isFinite(mass) && mass > 0) {
                bld.metadata("active material mass (EC-Lab setting, mg)", Float.toString(mass));
            }
        }
        if (0x11E + 1 <= set.availableLength()) {
            int len = b[c + 0x11E] & 0xff;
            if (len > 0 && 0x11F + len <= set.availableLength()) {
                bld.metadata("electrode material", new String(b, c + 0x11F, len, StandardCharsets.ISO_8859_1).trim());
            }
        }
    }
}
