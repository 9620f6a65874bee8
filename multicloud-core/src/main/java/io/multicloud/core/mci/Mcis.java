package io.multicloud.core.mci;

import io.multicloud.api.Cloud;
import io.multicloud.api.CloudException;
import io.multicloud.api.ErrorContext;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.Validate;
import io.multicloud.api.Vm;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MCIs of this owner: those this process holds, and those the clouds hold, rebuilt from their
 * VMs' tags as usable as one made here (status, refresh, actions, scale, exec, delete). Searched
 * on a set of connections, in parallel: by default every connection this {@code MultiCloud} has
 * open plus the named connections of its configuration; {@link #on} searches others.
 * <pre>{@code
 * Mci web = mc.mcis().get("web");              // in a new process, after a restart
 * Mci db = mc.mcis().on(aws, gcp).get("db");   // on these connections
 * }</pre>
 * A connection that cannot be searched (its cloud fails) is skipped with a warning; {@link #get}
 * names it when the MCI is not found elsewhere.
 */
public final class Mcis {
    private static final Logger LOG = LoggerFactory.getLogger(Mcis.class);

    private final MciEngine engine;
    private final Supplier<List<Cloud>> connections;

    /** The MCIs of {@code engine}'s owner on the connections {@code connections} gives. */
    public Mcis(MciEngine engine, Supplier<List<Cloud>> connections) {
        this.engine = engine;
        this.connections = connections;
    }

    /** The same search on these connections. */
    public Mcis on(Cloud... clouds) {
        return on(List.of(clouds));
    }

    /** The same search on these connections. */
    public Mcis on(Collection<Cloud> clouds) {
        List<Cloud> given = List.copyOf(Validate.required("connections", clouds));
        return new Mcis(engine, () -> given);
    }

    /** Every MCI of this owner, in name order: held here, or rebuilt from the clouds. */
    public List<Mci> list() {
        Search search = search(null);
        Map<String, Mci> out = new TreeMap<>();
        engine.held().forEach(m -> out.put(m.name(), m));
        search.byMci().forEach((name, found) -> out.computeIfAbsent(name, n -> rebuild(n, found)));
        return out.values().stream().filter(m -> m != null && !m.deleted()).toList();
    }

    /** The MCI of this name, held here or rebuilt from the clouds. */
    public Optional<Mci> find(String name) {
        return find(name, search(Validate.name("mci name", name)));
    }

    /** The MCI of this name; {@link NotFoundException} (naming the connections that could not be searched) when none. */
    public Mci get(String name) {
        Search search = search(Validate.name("mci name", name));
        return find(name, search).orElseThrow(() -> new NotFoundException(ErrorContext.of(null, null, name),
                "no MCI named '" + name + "' of owner " + engine.owner() + " on " + search.searched()
                        + (search.failed().isEmpty() ? "" : "; could not search " + search.failed())));
    }

    @Override
    public String toString() {
        return "Mcis[owner=" + engine.owner() + ", held=" + engine.held().stream().map(Mci::name).sorted().toList() + "]";
    }

    private Optional<Mci> find(String name, Search search) {
        Optional<Mci> held = engine.held(name).filter(m -> !m.deleted());
        if (held.isPresent()) {
            return held;
        }
        Map<Cloud, List<Vm>> found = search.byMci().get(name);
        return found == null ? Optional.empty() : Optional.ofNullable(rebuild(name, found));
    }

    private Mci rebuild(String name, Map<Cloud, List<Vm>> found) {
        Optional<Mci> held = engine.held(name);
        if (held.isPresent()) {
            return held.get();
        }
        return MciRebuild.of(engine, name, found).map(engine::hold).orElse(null);
    }

    /**
     * Lists the MCI VMs of this owner on every connection at once (of one MCI when {@code name}
     * is given, which the clouds can filter), by MCI name and connection.
     */
    private Search search(String name) {
        List<Cloud> clouds = connections.get().stream().filter(Cloud::isOpen).toList();
        List<Optional<List<Vm>>> listed = Parallel.map(clouds, cloud -> {
            try {
                return Optional.of(cloud.vms().listTagged(MciTags.MCI, name));
            } catch (CloudException | IllegalStateException e) {
                LOG.warn("could not search connection {} for MCIs: {}", cloud.config().name(), e.getMessage());
                return Optional.empty();
            }
        });
        Map<String, Map<Cloud, List<Vm>>> byMci = new TreeMap<>();
        List<String> failed = new ArrayList<>();
        for (int i = 0; i < clouds.size(); i++) {
            Cloud cloud = clouds.get(i);
            if (listed.get(i).isEmpty()) {
                failed.add(cloud.config().name());
                continue;
            }
            listed.get(i).get().stream()
                    .filter(v -> engine.owner().equals(v.tags().get(MciTags.OWNER)))
                    .forEach(v -> byMci.computeIfAbsent(v.tags().get(MciTags.MCI), k -> new LinkedHashMap<>())
                            .computeIfAbsent(cloud, k -> new ArrayList<>()).add(v));
        }
        List<String> searched = clouds.stream().map(c -> c.config().name()).sorted(Comparator.naturalOrder())
                .collect(Collectors.toList());
        return new Search(byMci, searched, failed);
    }

    /** What one search found, per MCI and connection, and which connections it could not search. */
    private record Search(Map<String, Map<Cloud, List<Vm>>> byMci, List<String> searched, List<String> failed) {
    }
}
