package io.multicloud.core.connect;

import io.multicloud.api.InvalidRequestException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The owner id of a {@code MultiCloud} installation: every MCI resource carries it, so that two
 * users' MCIs of the same name in one account never mix, and any process with the same owner id
 * finds the MCIs again. Taken from {@value #ENV} when set, else from the file {@code owner} in the
 * library's directory, made with a random id on first use. To reach one's MCIs from another
 * machine, give it the same owner id (and, for remote commands, the same SSH store).
 */
public final class OwnerId {
    /** The environment variable that sets the owner id. */
    public static final String ENV = "MULTICLOUD_OWNER";
    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

    private OwnerId() {
    }

    /** The owner id: the environment's, else the one kept in {@code dir/owner} (made when missing). */
    public static String resolve(Map<String, String> environment, Path dir) {
        String given = environment.get(ENV);
        if (given != null && !given.isBlank()) {
            return check(ENV, given.trim());
        }
        Path file = dir.resolve("owner");
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(dir);
                writeOnce(file, newId());
            }
            return check(file.toString(), Files.readString(file, StandardCharsets.UTF_8).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or make the owner id file " + file, e);
        }
    }

    /** Checks an owner id: 1-32 lower-case letters, digits and hyphens, starting with a letter or digit. */
    public static String check(String field, String id) {
        if (id == null || !VALID.matcher(id).matches()) {
            throw new InvalidRequestException(field, "an owner id is 1-32 lower-case letters, digits and hyphens, not '" + id + "'");
        }
        return id;
    }

    /**
     * Writes a one-line file unless it exists, so that a reader never sees it half-written and two
     * processes that race agree on one content: the line goes to a temporary file, which is then
     * hard-linked to the name (the link fails when the name exists: the other writer won).
     */
    public static void writeOnce(Path file, String line) throws IOException {
        Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            Files.writeString(temp, line + "\n", StandardCharsets.UTF_8);
            try {
                Files.createLink(file, temp);
            } catch (FileAlreadyExistsException e) {
                // another writer made it first: theirs stands
            } catch (UnsupportedOperationException e) {
                Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static String newId() {
        byte[] bytes = new byte[6];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
