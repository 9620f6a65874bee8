package io.multicloud.core.remote;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.UserInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Host keys pinned on first use, kept in the store's {@code known_hosts} file as lines
 * {@code <alias> <key type> <base64 key>}. The alias names the VM ({@code <connection>/<vm id>}),
 * not its address: clouds reuse addresses, and a new VM at an old address must not look like a
 * changed key, while the same VM showing another key must. A key never seen is pinned and
 * accepted; a different key for a pinned VM answers {@link #CHANGED}, which JSch (with
 * {@code StrictHostKeyChecking=yes}) refuses.
 */
final class PinnedHostKeys implements HostKeyRepository {
    private final SshStore store;
    private final Path file;
    /** alias → base64 key, as in the file. */
    private final Map<String, String[]> pins = new LinkedHashMap<>();
    private boolean loaded;

    PinnedHostKeys(SshStore store) {
        this.store = store;
        this.file = store.knownHosts();
    }

    @Override
    public synchronized int check(String alias, byte[] key) {
        load();
        String[] pinned = pins.get(alias);
        String offered = Base64.getEncoder().encodeToString(key);
        if (pinned == null) {
            pin(alias, typeOf(alias, key), offered);
            return OK;
        }
        return pinned[1].equals(offered) ? OK : CHANGED;
    }

    @Override
    public synchronized void add(HostKey hostkey, UserInfo ui) {
        load();
        if (!pins.containsKey(hostkey.getHost())) {
            pin(hostkey.getHost(), hostkey.getType(), hostkey.getKey());
        }
    }

    @Override
    public synchronized void remove(String host, String type) {
        load();
        if (pins.remove(host) != null) {
            rewrite();
        }
    }

    @Override
    public synchronized void remove(String host, String type, byte[] key) {
        remove(host, type);
    }

    @Override
    public String getKnownHostsRepositoryID() {
        return file.toString();
    }

    @Override
    public synchronized HostKey[] getHostKey() {
        load();
        return pins.entrySet().stream().map(e -> hostKey(e.getKey(), e.getValue())).toArray(HostKey[]::new);
    }

    @Override
    public synchronized HostKey[] getHostKey(String host, String type) {
        load();
        String[] pinned = pins.get(host);
        return pinned == null ? new HostKey[0] : new HostKey[] {hostKey(host, pinned)};
    }

    /** The alias under which a VM's host key is pinned. */
    static String alias(String connection, String vmId) {
        return (connection + "/" + vmId).replaceAll("\\s", "_");
    }

    private void load() {
        if (loaded) {
            return;
        }
        loaded = true;
        if (!Files.exists(file)) {
            return;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] parts = line.trim().split("\\s+");
                if (parts.length >= 3 && !parts[0].startsWith("#")) {
                    pins.put(parts[0], new String[] {parts[1], parts[2]});
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read pinned host keys " + file + ": " + e.getMessage(), e);
        }
    }

    private void pin(String alias, String type, String key) {
        pins.put(alias, new String[] {type, key});
        try {
            store.makeOwnerOnlyDirs(file.getParent());
            Files.writeString(file, alias + " " + type + " " + key + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot pin the host key of " + alias + " in " + file + ": " + e.getMessage(), e);
        }
    }

    private void rewrite() {
        List<String> lines = new ArrayList<>();
        pins.forEach((alias, pinned) -> lines.add(alias + " " + pinned[0] + " " + pinned[1]));
        try {
            Files.write(file, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write pinned host keys " + file + ": " + e.getMessage(), e);
        }
    }

    private static String typeOf(String alias, byte[] key) {
        try {
            return new HostKey(alias, key).getType();
        } catch (JSchException e) {
            return "unknown";
        }
    }

    private static HostKey hostKey(String alias, String[] pinned) {
        try {
            return new HostKey(alias, Base64.getDecoder().decode(pinned[1]));
        } catch (JSchException e) {
            throw new IllegalStateException("unreadable pinned key for " + alias + ": " + Arrays.toString(pinned), e);
        }
    }
}
