package org.operando.io.hdf5;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A read-only file channel that refuses reads running past the end of the file. jhdf trusts sizes stored in the
 * file; a damaged object header can claim gigabytes, and the JDK would allocate and zero a temporary direct buffer
 * of that size before noticing the end of the file. Here such a read fails at once with an IOException.
 */
final class BoundedFileChannel extends FileChannel {
    private final FileChannel ch;
    private final long size;

    BoundedFileChannel(FileChannel ch) throws IOException {
        this.ch = ch;
        this.size = ch.size();
    }

    private void check(long position, long length) throws IOException {
        if (position < 0 || length < 0 || position + length > size) {
            throw new IOException("read of " + length + " bytes at " + position + " runs past the end of the file ("
                    + size + " bytes): damaged size or address");
        }
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        check(ch.position(), dst.remaining());
        return ch.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        return ch.read(dsts, offset, length);
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        check(position, dst.remaining());
        return ch.read(dst, position);
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long length) throws IOException {
        check(position, length);
        return ch.map(mode, position, length);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        throw new IOException("read-only");
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        throw new IOException("read-only");
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
        throw new IOException("read-only");
    }

    @Override
    public long position() throws IOException {
        return ch.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
        ch.position(newPosition);
        return this;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public FileChannel truncate(long s) throws IOException {
        throw new IOException("read-only");
    }

    @Override
    public void force(boolean metaData) throws IOException {
        ch.force(metaData);
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
        return ch.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
        throw new IOException("read-only");
    }

    @Override
    public FileLock lock(long position, long s, boolean shared) throws IOException {
        return ch.lock(position, s, shared);
    }

    @Override
    public FileLock tryLock(long position, long s, boolean shared) throws IOException {
        return ch.tryLock(position, s, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
        ch.close();
    }
}
