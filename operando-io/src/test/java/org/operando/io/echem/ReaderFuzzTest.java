package org.operando.io.echem;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.operando.echem.EchemRecord;
import org.operando.util.InvalidInputException;

/**
 * Random and truncated bytes never hang the readers and never throw anything but InvalidInputException or
 * IOException; whatever is returned is a consistent record.
 */
class ReaderFuzzTest {
    private static final byte[] REAL_MPR = load();

    private static byte[] load() {
        Path p = org.operando.testing.SharedData.dataDir().resolve("echem/biologic_example.mpr");
        try {
            return Files.exists(p) ? Arrays.copyOf(Files.readAllBytes(p), 3426 + 405 + 153 * 40) : new byte[0];
        } catch (IOException e) {
            return new byte[0];
        }
    }

    static void check(ThrowingSupplier s) {
        try {
            EchemRecord r = s.get();
            assertThat(r.size()).isPositive();
            assertThat(r.time().length).isEqualTo(r.voltage().length);
            for (int k = 1; k < r.size(); k++) {
                assertThat(r.time()[k]).isGreaterThanOrEqualTo(r.time()[k - 1]);
            }
        } catch (InvalidInputException | IOException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    interface ThrowingSupplier {
        EchemRecord get() throws IOException;
    }

    @Property(tries = 300)
    void randomBytesAfterTheMagic(@ForAll @Size(max = 2000) byte[] tail) {
        byte[] b = Arrays.copyOf(MprReader.MAGIC, MprReader.MAGIC.length + tail.length);
        System.arraycopy(tail, 0, b, MprReader.MAGIC.length, tail.length);
        check(() -> MprReader.parse("fuzz.mpr", b));
    }

    @Property(tries = 300)
    void truncatedAndCorruptedRealMpr(@ForAll @IntRange(min = 0, max = 9961) int cut,
                                      @ForAll @IntRange(min = 0, max = 9961) int flipAt, @ForAll byte flip) {
        if (REAL_MPR.length == 0) {
            return;
        }
        byte[] b = Arrays.copyOf(REAL_MPR, Math.min(cut, REAL_MPR.length));
        if (flipAt < b.length) {
            b[flipAt] ^= flip;
        }
        check(() -> MprReader.parse("fuzz.mpr", b));
    }

    @Provide
    Arbitrary<String> texty() {
        return Arbitraries.strings().withChars("0123456789.,;:-+eE \t\nabcxyzVAhs/[]()#").ofMaxLength(600);
    }

    @Property(tries = 120)
    void randomTextInEveryTextFormat(@ForAll("texty") String body) throws IOException {
        Path dir = Files.createTempDirectory("fuzz");
        try {
            String[] prefixes = {"", "EC-Lab ASCII FILE\nNb header lines : 3\n\ntime/s\tEwe/V\tI/mA\n",
                "DataPoint,Cycle Index,Step Index,Step Type,Cumulative Time,Current(A),Voltage(V),Capacity(Ah)\n",
                "Rec\tCycle C\tStep\tTestTime\tCap. [Ah]\tCurrent [A]\tVoltage [V]\tMd\tDPT Time\n",
                "# t [h]\tV [V]\ti [A]\n"};
            for (String pre : prefixes) {
                Path p = dir.resolve("f.txt");
                Files.write(p, (pre + body).getBytes(StandardCharsets.UTF_8));
                for (EchemReaders.Format f : EchemReaders.Format.values()) {
                    check(() -> EchemReaders.read(p, f, null));
                }
            }
        } finally {
            try (var s = Files.list(dir)) {
                for (Path q : s.toList()) {
                    Files.deleteIfExists(q);
                }
            }
            Files.deleteIfExists(dir);
        }
    }
}
