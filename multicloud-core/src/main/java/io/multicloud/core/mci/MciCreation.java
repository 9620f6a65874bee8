package io.multicloud.core.mci;

import io.multicloud.api.AlreadyExistsException;
import io.multicloud.api.Cloud;
import io.multicloud.api.CloudException;
import io.multicloud.api.ErrorContext;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.Validate;
import io.multicloud.api.Vm;
import io.multicloud.api.VmRequest;
import io.multicloud.core.catalog.FailoverPlan;
import io.multicloud.core.catalog.PriceQuote;
import java.time.Duration;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.HashSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One MCI creation, in the order that leaves nothing behind:
 * <ol>
 *   <li>everything that needs no call is checked (subgroups, labels, names, what the tags must hold);</li>
 *   <li>with reads only, at once: the review (spec offered, image there and fitting the spec's
 *       architecture, quota room, a static subgroup's network) and a look in every subgroup's
 *       connection for VMs of an MCI of this name: a taken name is {@link AlreadyExistsException},
 *       a blocking finding {@link InvalidRequestException} naming the subgroup and field, and
 *       nothing has been made or journaled;</li>
 *   <li>every subgroup's chain in parallel (shared network, then its VMs, tagged with the MCI);</li>
 *   <li>the claim: if another creation of this name (a concurrent process) made VMs, the one whose
 *       first VM the cloud made first keeps the name, and the other undoes what it made and fails
 *       with AlreadyExists;</li>
 *   <li>the failure policy; a creation that ends without any VM (failed, rolled back, stopped
 *       before making one) throws {@link MciCreationException} with its report and leaves no MCI.</li>
 * </ol>
 */
final class MciCreation {
    private final MciEngine engine;
    private final Mci mci;
    private final MciBuilder request;

    MciCreation(MciEngine engine, Mci mci, MciBuilder request) {
        this.engine = engine;
        this.mci = mci;
        this.request = request;
    }

    /** Checks what needs no call and describes the MCI; InvalidRequest naming the field otherwise. */
    static Mci describe(MciEngine engine, MciBuilder request) {
        List<SubGroupRequest> groups = request.subGroups();
        List<FailoverSubGroup> failovers = request.failovers();
        if (groups.isEmpty() && failovers.isEmpty()) {
            throw new InvalidRequestException("subgroups", "an MCI needs at least one subgroup");
        }
        Set<String> names = new HashSet<>();
        for (SubGroupRequest group : groups) {
            if (!names.add(group.name())) {
                throw new InvalidRequestException("subgroups", "two subgroups are named '" + group.name() + "'");
            }
            if (!group.cloud().isOpen()) {
                throw new InvalidRequestException(ErrorContext.of(group.connection(), null, group.name()), "subgroup " + group.name(),
                        "connection " + group.connection() + " is closed");
            }
            requireVmNames(request.name(), group.name(), group.size());
            MciTags.group(group, group.size());
        }
        for (FailoverSubGroup group : failovers) {
            if (!names.add(group.name())) {
                throw new InvalidRequestException("subgroups", "two subgroups are named '" + group.name() + "'");
            }
            // Numbers go on from place to place: the highest one a failover can reach must fit too.
            requireVmNames(request.name(), group.name(), group.size() * group.maxAttempts());
        }
        Validate.tags("mci labels", request.labels());
        MciTags.requireUserLabels("mci labels", request.labels());
        MciTags.Identity identity = new MciTags.Identity(request.name(), newId(), engine.owner());
        return new Mci(engine, identity, request.description(), request.labels(), request.policy(), request.budget(), groups,
                request.listener());
    }

    private static void requireVmNames(String mci, String group, int highest) {
        try {
            VmRequest.named(VmProvisioner.vmName(mci, group, highest));
        } catch (InvalidRequestException e) {
            throw new InvalidRequestException("subgroup " + group, "its VM names (such as "
                    + VmProvisioner.vmName(mci, group, highest) + ") break the name rule: shorten the MCI or subgroup name");
        }
    }

    /** Runs the creation. */
    Mci run() {
        List<SubGroupRequest> groups = request.subGroups();
        List<FailoverSubGroup> failovers = request.failovers();
        Map<String, PriceQuote> quotes;
        BudgetLedger ledger = null;
        if (request.budget() != null) {
            // Priced from the catalog and held to the budget before any other call.
            quotes = quotes(groups);
            ledger = BudgetLedger.open(request.budget(), groups, quotes, failovers);
            preflight(groups, false);
        } else {
            quotes = preflight(groups, true);
        }
        Progress progress = new Progress(mci.name(), request.listener());
        progress.planned("create", groups.stream().mapToInt(SubGroupRequest::size).sum()
                + failovers.stream().mapToInt(FailoverSubGroup::size).sum());
        Instant start = Instant.now();
        Stop stop = engine.running().begin();
        try {
            Map<String, List<FailoverPlan.Attempt>> placements = new java.util.concurrent.ConcurrentHashMap<>();
            List<java.util.function.Supplier<List<VmProvisioner.Made>>> jobs = new ArrayList<>();
            groups.forEach(g -> jobs.add(() -> engine.createGroup(mci, g, 1, g.size(), g.size(), progress, stop,
                    quotes.get(g.name()), null)));
            BudgetLedger held = ledger;
            failovers.forEach(f -> jobs.add(() -> {
                SubGroupPlacer.Placed placed = new SubGroupPlacer(engine, mci, f, progress, stop, held).run();
                placements.put(f.name(), placed.attempts());
                return placed.made();
            }));
            List<VmOutcome> outcomes = new ArrayList<>();
            for (List<VmProvisioner.Made> made : Parallel.map(jobs, java.util.function.Supplier::get, stop)) {
                made.forEach(m -> {
                    outcomes.add(m.outcome());
                    m.vm().ifPresent(mci::add);
                });
            }
            Map<String, List<FailoverPlan.Attempt>> ordered = new LinkedHashMap<>();
            failovers.forEach(f -> ordered.put(f.name(), placements.getOrDefault(f.name(), List.of())));
            List<VmProvisioner.Plan> contested = stop.contested();
            Optional<CloudException> lost = stop.nameTaken().<CloudException>map(e -> e).or(() -> claimLost(!contested.isEmpty()));
            if (lost.isPresent()) {
                giveUpTheName(progress, start, outcomes);
                mci.creation(new MciReport(mci.name(), "create", outcomes, Duration.between(start, Instant.now()), ordered));
                throw new AlreadyExistsException(ErrorContext.of(null, null, mci.name()), "another creation of MCI '"
                        + mci.name() + "' holds the name (" + lost.get().getMessage() + "); what this one made was deleted");
            }
            if (!contested.isEmpty()) {
                // This creation keeps the name: the VMs the other one made first are made once it has let them go.
                Set<String> names = new HashSet<>(contested.stream().map(VmProvisioner.Plan::name).toList());
                outcomes.removeIf(o -> names.contains(o.vm()));
                for (VmProvisioner.Made made : Parallel.map(contested, p -> engine.provisioner().createWhenFree(p, progress, stop))) {
                    outcomes.add(made.outcome());
                    made.vm().ifPresent(mci::add);
                }
            }
            MciReport report = engine.applyPolicy(mci, "create", outcomes, progress, start).withPlacements(ordered);
            engine.releaseWhereNoMember(mci, progress);
            mci.creation(report);
            if (mci.vms().isEmpty()) {
                engine.forget(mci);
                throw new MciCreationException(report, stop.stopped() ? "the creation was stopped before any VM was made"
                        : report.count(VmOutcome.Result.REMOVED) > 0 ? "rolled back (" + mci.policy() + ")" : "no VM could be made");
            }
            if (stop.stopped()) {
                throw new MciCreationException(report, "the creation was stopped; the MCI holds the " + mci.vms().size()
                        + " VM(s) made (mc.mcis().get(\"" + mci.name() + "\"))");
            }
            if (request.postCreate() != null) {
                mci.postCreate(engine.remote().exec(mci, request.postCreate()));
            }
            return mci;
        } finally {
            engine.running().end(stop);
        }
    }

    /** Each subgroup's price at its place, from the catalog, all at once. */
    private Map<String, PriceQuote> quotes(List<SubGroupRequest> groups) {
        Map<String, PriceQuote> out = new LinkedHashMap<>();
        List<PriceQuote> priced = Parallel.map(groups, engine::quote);
        for (int i = 0; i < groups.size(); i++) {
            out.put(groups.get(i).name(), priced.get(i));
        }
        return out;
    }

    /**
     * The checks with reads only, all at once: the review of every subgroup, a look in every
     * subgroup's connection for VMs of an MCI of this name, and (when asked) each subgroup's price
     * from the catalog, which its VMs are tagged with. A failover subgroup is checked at each place
     * it tries.
     */
    private Map<String, PriceQuote> preflight(List<SubGroupRequest> groups, boolean quote) {
        if (groups.isEmpty()) {
            return Map.of();
        }
        Map<String, Cloud> clouds = new LinkedHashMap<>();
        groups.forEach(g -> clouds.putIfAbsent(g.connection(), g.cloud()));
        MciReview review;
        List<List<Vm>> found;
        Map<String, PriceQuote> quotes = Map.of();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<MciReview> reviewed = pool.submit(() -> MciReview.of(groups));
            Future<Map<String, PriceQuote>> priced = quote ? pool.submit(() -> quotes(groups)) : null;
            List<Future<List<Vm>>> lookups = clouds.values().stream()
                    .map(c -> pool.submit(() -> c.vms().listTagged(MciTags.MCI, mci.name()))).toList();
            review = Parallel.result(reviewed);
            found = new ArrayList<>();
            for (Future<List<Vm>> lookup : lookups) {
                found.add(Parallel.result(lookup));
            }
            if (priced != null) {
                quotes = Parallel.result(priced);
            }
        }
        List<String> connections = List.copyOf(clouds.keySet());
        for (int i = 0; i < connections.size(); i++) {
            List<Vm> there = found.get(i).stream().filter(v -> v.status() != io.multicloud.api.VmStatus.TERMINATED).toList();
            if (there.isEmpty()) {
                continue;
            }
            boolean ours = there.stream().anyMatch(v -> mci.owner().equals(v.tags().get(MciTags.OWNER)));
            throw new AlreadyExistsException(ErrorContext.of(connections.get(i), null, mci.name()), ours
                    ? "an MCI named '" + mci.name() + "' exists (" + there.size() + " VM(s) on " + connections.get(i)
                            + "); find it with mc.mcis().get(\"" + mci.name() + "\")"
                    : "another owner's MCI named '" + mci.name() + "' has VMs on " + connections.get(i)
                            + ": the VM names would clash; choose another name");
        }
        Optional<ReviewFinding> blocking = review.findings().stream().filter(f -> f.blocking() && !f.unanswered()).findFirst();
        if (blocking.isPresent()) {
            ReviewFinding f = blocking.get();
            throw new InvalidRequestException(ErrorContext.of(f.connection(), null, f.subGroup()),
                    "subgroup " + f.subGroup() + " " + f.check().name().toLowerCase(Locale.ROOT),
                    f.message() + (review.errors().size() > 1 ? " (and " + (review.errors().size() - 1) + " more: MciReview.of(...) lists them)" : ""));
        }
        return quotes;
    }

    /**
     * Whether a concurrent creation of this name (same owner, another creation id) holds the name:
     * the creation whose earliest VM the cloud made first keeps it (ties: the smaller id). Reads the
     * last listing each member's connection made while its VMs were awaited, no call of its own;
     * when a name was contested or those listings show another creation, every connection of the
     * MCI is listed afresh, so that both creations judge from the same VMs.
     */
    private Optional<CloudException> claimLost(boolean contested) {
        Map<String, Cloud> connections = new LinkedHashMap<>();
        mci.vms().forEach(v -> connections.putIfAbsent(v.connection(), v.cloud()));
        Map<String, List<Vm>> listings = new LinkedHashMap<>();
        connections.keySet().forEach(c -> listings.put(c, engine.watch().lastListing(c).orElse(List.of())));
        boolean other = listings.values().stream().flatMap(List::stream).anyMatch(v -> VmProvisioner.concurrent(v, mci.identity()));
        if (contested || other) {
            request.subGroups().forEach(g -> connections.putIfAbsent(g.connection(), g.cloud()));
            List<String> names = List.copyOf(connections.keySet());
            List<List<Vm>> fresh = Parallel.map(names, c -> {
                try {
                    return connections.get(c).vms().listTagged(MciTags.MCI, mci.name());
                } catch (CloudException e) {
                    return listings.getOrDefault(c, List.of());
                }
            });
            for (int i = 0; i < names.size(); i++) {
                listings.put(names.get(i), fresh.get(i));
            }
        }
        Map<String, Instant> firstOf = new LinkedHashMap<>();
        listings.values().stream().flatMap(List::stream)
                .filter(v -> mci.name().equals(v.tags().get(MciTags.MCI)))
                .filter(v -> mci.owner().equals(v.tags().get(MciTags.OWNER)))
                .filter(v -> v.tags().get(MciTags.ID) != null)
                .forEach(v -> firstOf.merge(v.tags().get(MciTags.ID), v.createdAt() == null ? Instant.MAX : v.createdAt(),
                        (a, b) -> a.isBefore(b) ? a : b));
        // A creation that made no VM (every name it tried was the other's) made its first one last.
        firstOf.putIfAbsent(mci.id(), Instant.MAX);
        if (firstOf.size() < 2) {
            return Optional.empty();
        }
        String winner = firstOf.entrySet().stream()
                .min(Comparator.<Map.Entry<String, Instant>, Instant>comparing(Map.Entry::getValue).thenComparing(Map.Entry::getKey))
                .orElseThrow().getKey();
        if (winner.equals(mci.id())) {
            return Optional.empty();
        }
        return Optional.of(new AlreadyExistsException(ErrorContext.of(null, null, mci.name()), "creation " + winner
                + " made its first VM before this one"));
    }

    /** Deletes everything this creation made (each VM verified gone) after it lost the name. */
    private void giveUpTheName(Progress progress, Instant start, List<VmOutcome> outcomes) {
        engine.removeAndReport(mci, "create", outcomes, mci.vms(), "the name belongs to another creation", progress, start);
        engine.releaseWhereNoMember(mci, progress);
        if (mci.vms().isEmpty()) {
            engine.forget(mci);
        }
    }

    private static String newId() {
        byte[] bytes = new byte[6];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
