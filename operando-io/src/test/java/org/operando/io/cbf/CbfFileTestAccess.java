package org.operando.io.cbf;

/** Lets other test packages build mini-CBF files. */
public final class CbfFileTestAccess {
    private CbfFileTestAccess() { }

    public static byte[] miniCbf(int w, int h, long[] values) {
        return CbfFileTest.miniCbf(w, h, CbfFileTest.encodeByteOffset(values));
    }
}
