package io.multicloud.core.mci;

import io.multicloud.api.Cloud;
import io.multicloud.api.Validate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Describes a new MCI, then creates it or estimates its cost:
 * <pre>{@code
 * Mci fleet = mc.mci("llm").description("inference")
 *         .subGroup("mars", mars, "m1.small", "ubuntu-22.04", 2)
 *         .subGroup("venus", venus, "m1.small", "ubuntu-22.04", 2)
 *         .subGroup("gpu", mc.recommend().where("acceleratorCount").atLeast(1).orderBy(Priority.cost()).limit(5).run(),
 *                   "ubuntu-22.04", 2)                     // fails over from place to place
 *         .budget(12.0)                                    // USD per hour, checked before anything is made
 *         .onPartialFailure(PartialFailure.ROLLBACK).listener(System.out::println)
 *         .create();
 * }</pre>
 */
public final class MciBuilder {
    private final MciEngine engine;
    private final String name;
    private String description = "";
    private final Map<String, String> labels = new LinkedHashMap<>();
    private final List<SubGroupRequest> subGroups = new ArrayList<>();
    private final List<FailoverSubGroup> failovers = new ArrayList<>();
    private Budget budget;
    private PartialFailure policy = PartialFailure.CONTINUE;
    private ProgressListener listener = ProgressListener.NONE;
    private io.multicloud.core.remote.RemoteCommand postCreate;

    MciBuilder(MciEngine engine, String name) {
        this.engine = engine;
        this.name = Validate.name("mci name", name);
    }

    /** A description for people. */
    public MciBuilder description(String text) {
        this.description = text == null ? "" : text;
        return this;
    }

    /** A label of the MCI. */
    public MciBuilder label(String key, String value) {
        labels.put(key, value);
        return this;
    }

    /** A dynamic subgroup: {@code size} VMs of this spec and image on this connection. */
    public MciBuilder subGroup(String subGroup, Cloud cloud, String spec, String image, int size) {
        return subGroup(SubGroupRequest.of(subGroup, cloud, spec, image, size));
    }

    /**
     * A dynamic subgroup at the place a catalog spec id names, {@code provider+region+spec[+zone]}
     * (such as {@code aws+us-east-2+g6.xlarge} or {@code gcp+us-central1+g2-standard-4+us-central1-a}),
     * spelled as the catalog spells it (the provider in lower case, region and spec matched
     * ignoring case in the shipped snapshot; no cloud call). Its connection is one open to that
     * place (driver, region, zone), else one opened with the cloud's own credential chain.
     */
    public MciBuilder subGroup(String subGroup, String specId, String image, int size) {
        io.multicloud.core.catalog.OfferId id = engine.catalog().normalise(specId);
        Cloud cloud = engine.placeConnection(id.provider(), id.region(), id.zone());
        return subGroup(SubGroupRequest.of(subGroup, cloud, id.spec(), image, size));
    }

    /**
     * A dynamic subgroup that may run at any of these places, best first (spec ids the catalog
     * resolves, {@code provider+region+spec[+zone]}): it fails over from a place that refuses it
     * with a quota or capacity error to the next ({@link FailoverSubGroup}).
     *
     * @throws io.multicloud.api.InvalidRequestException when a spec id is not in the catalog
     */
    public MciBuilder subGroup(String subGroup, List<String> specIds, String image, int size) {
        io.multicloud.api.Validate.notEmpty("spec ids", specIds);
        List<io.multicloud.core.catalog.Offer> offers = specIds.stream().map(id -> engine.catalog().resolve(id)).toList();
        return subGroup(FailoverSubGroup.of(subGroup, offers, image, size));
    }

    /**
     * A dynamic subgroup that may run at any offer of a recommendation, in its order: it fails over
     * from a place that refuses it with a quota or capacity error to the next ({@link FailoverSubGroup}).
     */
    public MciBuilder subGroup(String subGroup, io.multicloud.core.catalog.Recommendation recommendation, String image,
                               int size) {
        return subGroup(FailoverSubGroup.of(subGroup, recommendation, image, size));
    }

    /** A failover subgroup. */
    public MciBuilder subGroup(FailoverSubGroup subGroup) {
        failovers.add(java.util.Objects.requireNonNull(subGroup, "subGroup"));
        return this;
    }

    /**
     * A cap on what the MCI may cost per hour, in US dollars: a creation or scale-out over it is
     * refused before any call that makes anything ({@link Budget}).
     */
    public MciBuilder budget(double usdPerHour) {
        return budget(Budget.perHour(usdPerHour));
    }

    /** A cap on what the MCI may cost per hour ({@link Budget}); null for none. */
    public MciBuilder budget(Budget value) {
        this.budget = value;
        return this;
    }

    /**
     * What the subgroups would cost, from the catalog (each connection's live prices, else the
     * snapshot's); a failover subgroup is priced at its first place. Reads only.
     */
    public CostEstimate estimate() {
        List<SubGroupRequest> groups = subGroups();
        List<CostEstimate.SubGroupCost> costs = new java.util.ArrayList<>(CostEstimate.costs(engine.catalog(), groups));
        for (FailoverSubGroup f : failovers) {
            io.multicloud.core.catalog.Offer first = f.offers().getFirst();
            costs.add(CostEstimate.cost(f.name(), "failover: " + f.offers().size() + " place(s)", f.size(),
                    io.multicloud.core.catalog.PriceQuote.of(first.id(), first)));
        }
        return CostEstimate.ofCosts(costs);
    }

    /**
     * The check-before-create review of the subgroups, nothing made: for each subgroup with one
     * place, what {@link MciReview#of(CloudCatalog, List)} checks (spec, image, architecture, quota,
     * network; its price from the catalog); for a failover subgroup, its places (each is reviewed
     * when it is tried); and the budget, when there is one ({@link ReviewCheck#BUDGET}: ERROR when
     * the estimate exceeds it, as {@code create()} would refuse).
     */
    public MciReview review() {
        List<SubGroupRequest> groups = subGroups();
        List<ReviewFinding> findings = new java.util.ArrayList<>(groups.isEmpty() ? List.of()
                : MciReview.of(engine.catalog(), groups).findings());
        for (FailoverSubGroup f : failovers) {
            io.multicloud.core.catalog.Offer first = f.offers().getFirst();
            findings.add(new ReviewFinding(f.name(), "failover", ReviewCheck.PRICE, ReviewSeverity.INFO, f.offers().size()
                    + " place(s), each reviewed when it is tried; the first: "
                    + io.multicloud.core.catalog.PriceQuote.of(first.id(), first)));
        }
        if (budget != null) {
            String first = groups.isEmpty() ? failovers.getFirst().name() : groups.getFirst().name();
            java.util.Map<String, io.multicloud.core.catalog.PriceQuote> quotes = new java.util.LinkedHashMap<>();
            groups.forEach(g -> quotes.put(g.name(), engine.quote(g)));
            try {
                BudgetLedger.open(budget, groups, quotes, failovers);
                findings.add(new ReviewFinding(first, "", ReviewCheck.BUDGET, ReviewSeverity.OK, "the estimate fits the budget of "
                        + budget));
            } catch (io.multicloud.api.InvalidRequestException e) {
                findings.add(new ReviewFinding(first, "", ReviewCheck.BUDGET, ReviewSeverity.ERROR, e.reason()));
            }
        }
        return new MciReview(findings);
    }

    /** A subgroup, dynamic or static. */
    public MciBuilder subGroup(SubGroupRequest subGroup) {
        subGroups.add(subGroup);
        return this;
    }

    /** What to do when some VMs fail (CONTINUE unless told). */
    public MciBuilder onPartialFailure(PartialFailure value) {
        this.policy = value;
        return this;
    }

    /** Who hears of the progress: of the creation and of every later operation on the MCI. */
    public MciBuilder listener(ProgressListener value) {
        this.listener = value == null ? ProgressListener.NONE : value;
        return this;
    }

    /**
     * Commands to run on every VM once all of them run (to install software as part of
     * provisioning); {@link Mci#postCreate()} reports what they did. They do not undo the MCI
     * when they fail: the VMs stay for the user to look at.
     */
    public MciBuilder postCreate(io.multicloud.core.remote.RemoteCommand commands) {
        this.postCreate = java.util.Objects.requireNonNull(commands, "commands");
        return this;
    }

    /** Creates the MCI: returns when every VM runs or has failed; {@link Mci#creation()} says which. */
    public Mci create() {
        return engine.create(this);
    }

    /** As {@link #create()}, on a virtual thread of its own: the future completes when {@code create()} would return. */
    public java.util.concurrent.CompletableFuture<Mci> createAsync() {
        java.util.concurrent.CompletableFuture<Mci> future = new java.util.concurrent.CompletableFuture<>();
        Thread.ofVirtual().name("mci-create-" + name).start(() -> {
            try {
                future.complete(create());
            } catch (RuntimeException e) {
                future.completeExceptionally(e);
            }
        });
        return future;
    }

    String name() {
        return name;
    }

    String description() {
        return description;
    }

    Map<String, String> labels() {
        return Map.copyOf(labels);
    }

    List<SubGroupRequest> subGroups() {
        return List.copyOf(subGroups);
    }

    List<FailoverSubGroup> failovers() {
        return List.copyOf(failovers);
    }

    Budget budget() {
        return budget;
    }

    PartialFailure policy() {
        return policy;
    }

    ProgressListener listener() {
        return listener;
    }

    io.multicloud.core.remote.RemoteCommand postCreate() {
        return postCreate;
    }
}
