package org.operando.io;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.operando.data.Frame;
import org.operando.data.FrameSource;
import org.operando.util.InvalidInputException;

/**
 * Frames from a series of single-frame files named by a glob, e.g. {@code scan/img_*.cbf} (Pilatus writes one CBF
 * per exposure): files sorted by name with numbers compared as numbers (img_2 before img_10), one frame each,
 * opened lazily on {@link #read(int)}. Every file must have the size of the first.
 */
public final class FileSeriesFrameSource implements FrameSource {
    private static final Pattern DIGITS = Pattern.compile("\\d+|\\D+");

    private final String spec;
    private final List<Path> files;
    private final int width;
    private final int height;

    private FileSeriesFrameSource(String spec, List<Path> files, int width, int height) {
        this.spec = spec;
        this.files = files;
        this.width = width;
        this.height = height;
    }

    /** True when the last path element of {@code spec} holds a glob character ({@code * ? [ {}). */
    public static boolean isGlob(String spec) {
        String name = spec.substring(Math.max(spec.lastIndexOf('/'), spec.lastIndexOf('\\')) + 1);
        return name.indexOf('*') >= 0 || name.indexOf('?') >= 0 || name.indexOf('[') >= 0 || name.indexOf('{') >= 0;
    }

    /** Opens the files matching {@code spec} (glob in the file name only). */
    public static FileSeriesFrameSource open(String spec) {
        int slash = Math.max(spec.lastIndexOf('/'), spec.lastIndexOf('\\'));
        Path dir = slash < 0 ? Path.of(".") : Path.of(spec.substring(0, slash + 1));
        String pattern = spec.substring(slash + 1);
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException(spec + ": folder " + dir + " does not exist");
        }
        PathMatcher m;
        try {
            m = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(spec + ": invalid file pattern (" + e.getMessage() + ")", e);
        }
        List<Path> found = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> Files.isRegularFile(p) && m.matches(p.getFileName())).forEach(found::add);
        } catch (IOException e) {
            throw new InvalidInputException(spec + ": folder cannot be listed (" + e.getMessage() + ")", e);
        }
        if (found.isEmpty()) {
            throw new InvalidInputException(spec + ": no file matches");
        }
        found.sort(Comparator.comparing(p -> p.getFileName().toString(), FileSeriesFrameSource::naturalCompare));
        try (FrameSource first = FrameSources.open(found.get(0).toString())) {
            if (first.frameCount() != 1) {
                throw new InvalidInputException(found.get(0) + ": holds " + first.frameCount()
                        + " frames; a file series needs one frame per file");
            }
            return new FileSeriesFrameSource(spec, List.copyOf(found), first.width(), first.height());
        } catch (IOException e) {
            throw new InvalidInputException(found.get(0) + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /** Compares names with embedded numbers by value: "img_2" &lt; "img_10". */
    static int naturalCompare(String a, String b) {
        Matcher x = DIGITS.matcher(a);
        Matcher y = DIGITS.matcher(b);
        while (x.find() && y.find()) {
            String p = x.group();
            String q = y.group();
            int c;
            if (Character.isDigit(p.charAt(0)) && Character.isDigit(q.charAt(0))) {
                String pp = p.replaceFirst("^0+(?=\\d)", "");
                String qq = q.replaceFirst("^0+(?=\\d)", "");
                c = pp.length() != qq.length() ? Integer.compare(pp.length(), qq.length()) : pp.compareTo(qq);
            } else {
                c = p.compareTo(q);
            }
            if (c != 0) {
                return c;
            }
        }
        return a.compareTo(b);
    }

    public List<Path> files() {
        return files;
    }

    @Override
    public int frameCount() {
        return files.size();
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public Frame read(int index) throws IOException {
        Path f = files.get(index);
        try (FrameSource s = FrameSources.open(f.toString())) {
            if (s.frameCount() != 1 || s.width() != width || s.height() != height) {
                throw new InvalidInputException(f + ": holds " + s.frameCount() + " frame(s) of " + s.width() + " x "
                        + s.height() + "; the series expects one frame of " + width + " x " + height);
            }
            return s.read(0);
        }
    }

    @Override
    public String description() {
        return spec + " (" + files.size() + " files)";
    }
}
