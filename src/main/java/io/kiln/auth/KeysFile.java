package io.kiln.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads and appends the keys file. Format, one key per line, {@code #} starting a comment:
 * <pre>{@code <sha256-hex-of-key> <tenant> [credits]}</pre>
 */
final class KeysFile {

    static final String HEADER = "# Kiln API keys, one per line: <sha256-hex-of-key> <tenant> [credits]\n";

    private KeysFile() {}

    /**
     * The keys in {@code file} by hash; none if the file does not exist.
     *
     * @throws IllegalArgumentException naming the file and line of the first malformed line
     */
    static Map<String, KeyEntry> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException absent) {
            return Map.of();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read keys file " + file, e);
        }
        return parse(lines, file.toString());
    }

    static Map<String, KeyEntry> parse(List<String> lines, String source) {
        Map<String, KeyEntry> keys = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            try {
                parseLine(lines.get(i)).ifPresent(entry -> {
                    if (keys.putIfAbsent(entry.hash(), entry) != null) {
                        throw new IllegalArgumentException("the same key hash appears twice");
                    }
                });
            } catch (IllegalArgumentException malformed) {
                throw new IllegalArgumentException(
                        "keys file " + source + ", line " + (i + 1) + ": " + malformed.getMessage(), malformed);
            }
        }
        return Map.copyOf(keys);
    }

    private static Optional<KeyEntry> parseLine(String line) {
        int comment = line.indexOf('#');
        String content = (comment < 0 ? line : line.substring(0, comment)).strip();
        if (content.isEmpty()) {
            return Optional.empty();
        }
        String[] fields = content.split("\\s+");
        if (fields.length < 2 || fields.length > 3) {
            throw new IllegalArgumentException("expected '<sha256-hex> <tenant> [credits]', found "
                    + fields.length + " field" + (fields.length == 1 ? "" : "s"));
        }
        return Optional.of(new KeyEntry(fields[0], fields[1],
                fields.length == 3 ? credits(fields[2]) : OptionalLong.empty()));
    }

    private static OptionalLong credits(String field) {
        if (!field.matches("\\d{1,18}")) {
            throw new IllegalArgumentException("credits '" + field + "' is not a whole number of at most 18 digits");
        }
        return OptionalLong.of(Long.parseLong(field));
    }

    /**
     * Appends {@code entry}, creating the file (and its directories) if needed, readable by its
     * owner only where the file system has POSIX permissions. A file lock keeps two processes
     * (the server and {@code kiln keys create}) from interleaving their lines.
     */
    static void append(Path file, KeyEntry entry) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE,
                    StandardOpenOption.READ, StandardOpenOption.WRITE), ownerOnly(file));
                    FileLock lock = channel.lock()) {
                long size = channel.size();
                String text = (size == 0 ? HEADER : endsWithNewline(channel, size) ? "" : "\n") + entry.line() + "\n";
                ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
                for (long at = size; bytes.hasRemaining(); ) {
                    at += channel.write(bytes, at);
                }
                channel.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write keys file " + file, e);
        }
    }

    private static boolean endsWithNewline(FileChannel channel, long size) throws IOException {
        ByteBuffer last = ByteBuffer.allocate(1);
        channel.read(last, size - 1);
        return last.get(0) == '\n';
    }

    private static FileAttribute<?>[] ownerOnly(Path file) {
        if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
        };
    }
}
