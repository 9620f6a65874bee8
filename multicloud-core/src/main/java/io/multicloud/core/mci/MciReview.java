package io.multicloud.core.mci;

import io.multicloud.core.catalog.CloudCatalog;
import io.multicloud.core.catalog.PriceQuote;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.Spec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A check-before-create review of an MCI's subgroups: what would make a create fail, found
 * without creating anything. Per subgroup: the connection's region and zone exist, the spec is
 * offered there, the image exists and boots on the spec's architecture, a static subgroup's VPC
 * and subnet exist, the named security groups and key pair exist; per account and region: the
 * vCPU and VM quotas leave room for all the subgroups drawing on them (where the driver can
 * tell, through the {@code DescribeQuotas} any-call); across the MCI: subgroup names are unique.
 *
 * <p>Every check is reported, passed ones as {@link ReviewSeverity#OK}. A check the driver
 * cannot make is an {@link ReviewSeverity#INFO} note; a cloud call that fails is an
 * {@link ReviewSeverity#ERROR} finding for its subgroup, never an exception. Only ERROR blocks a
 * create ({@link #ok()}). Reads run on one virtual thread per subgroup and per quota, so a slow
 * cloud does not hold up the others.
 *
 * @param findings every finding: name checks first, then per subgroup in request order and check order
 */
public record MciReview(List<ReviewFinding> findings) {

    public MciReview {
        findings = List.copyOf(findings);
    }

    /**
     * Reviews the subgroups. Only catalog and collection reads are made.
     *
     * @throws InvalidRequestException when the list is null, empty or holds a null, before any cloud call
     */
    public static MciReview of(List<SubGroupRequest> subGroups) {
        CostEstimate.requireSubGroups(subGroups);
        List<ReviewFinding> findings = new ArrayList<>(duplicateNames(subGroups));
        Map<Object, List<SubGroupRequest>> byAccount = new LinkedHashMap<>();
        subGroups.forEach(sg -> byAccount.computeIfAbsent(ReviewQuota.accountKey(sg.cloud()), k -> new ArrayList<>()).add(sg));

        List<ReviewSubGroup.Outcome> outcomes;
        List<ReviewQuota.Reading> quotas;
        try (ExecutorService pool = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("mci-review-", 0).factory())) {
            // Every cloud read is started at once; the quota readings need no spec, only the answer.
            List<Future<ReviewSubGroup.Outcome>> checks = subGroups.stream()
                    .map(sg -> pool.submit(() -> ReviewSubGroup.check(sg))).toList();
            List<Future<ReviewQuota.Reading>> readings = byAccount.values().stream()
                    .map(group -> pool.submit(() -> ReviewQuota.read(group.getFirst().cloud()))).toList();
            outcomes = checks.stream().map(MciReview::result).toList();
            quotas = readings.stream().map(MciReview::result).toList();
        }

        Map<SubGroupRequest, Spec> specs = new IdentityHashMap<>();
        for (int i = 0; i < subGroups.size(); i++) {
            specs.put(subGroups.get(i), outcomes.get(i).spec());
        }
        // judge() answers one finding per subgroup of the group, in the group's order.
        Map<SubGroupRequest, ReviewFinding> quotaFindings = new IdentityHashMap<>();
        List<List<SubGroupRequest>> groups = List.copyOf(byAccount.values());
        for (int i = 0; i < groups.size(); i++) {
            List<SubGroupRequest> group = groups.get(i);
            List<ReviewFinding> judged = ReviewQuota.judge(quotas.get(i), group, specs::get);
            for (int j = 0; j < group.size(); j++) {
                quotaFindings.put(group.get(j), judged.get(j));
            }
        }
        // Each subgroup's own findings, then its quota finding, so a subgroup reads as one block.
        for (int i = 0; i < subGroups.size(); i++) {
            findings.addAll(outcomes.get(i).findings());
            findings.add(quotaFindings.get(subGroups.get(i)));
        }
        return new MciReview(findings);
    }

    /**
     * Reviews the subgroups as {@link #of(List)} does, and prices each from the catalog
     * ({@link ReviewCheck#PRICE}: the connection's live price, else the snapshot's; a price the
     * catalog does not know is a WARNING, as a budget could not be kept with it). Reads only; the
     * catalog's answers are cached.
     */
    public static MciReview of(CloudCatalog catalog, List<SubGroupRequest> subGroups) {
        CostEstimate.requireSubGroups(subGroups);
        MciReview live;
        List<PriceQuote> quotes;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<MciReview> reviewed = pool.submit(() -> of(subGroups));
            Future<List<PriceQuote>> priced = pool.submit(() -> Parallel.map(subGroups, sg -> catalog.quote(sg.cloud(), sg.spec())));
            live = result(reviewed);
            quotes = result(priced);
        }
        List<ReviewFinding> findings = new ArrayList<>(live.findings());
        for (int i = 0; i < subGroups.size(); i++) {
            findings.add(priceFinding(subGroups.get(i), quotes.get(i)));
        }
        return new MciReview(findings);
    }

    static ReviewFinding priceFinding(SubGroupRequest sg, PriceQuote quote) {
        return quote.known()
                ? ReviewFinding.of(sg, ReviewCheck.PRICE, ReviewSeverity.OK, quote.toString())
                : ReviewFinding.of(sg, ReviewCheck.PRICE, ReviewSeverity.WARNING, "no price known: " + quote.unknownReason());
    }

    /** Whether nothing blocks a create (no ERROR finding). */
    public boolean ok() {
        return findings.stream().noneMatch(ReviewFinding::blocking);
    }

    /** The findings that block a create. */
    public List<ReviewFinding> errors() {
        return withSeverity(ReviewSeverity.ERROR);
    }

    /** The warnings: worth reading, not blocking. */
    public List<ReviewFinding> warnings() {
        return withSeverity(ReviewSeverity.WARNING);
    }

    /** Every finding that is not OK (errors, warnings and notes), most severe first. */
    public List<ReviewFinding> problems() {
        return findings.stream().filter(f -> f.severity() != ReviewSeverity.OK)
                .sorted(Comparator.comparing(ReviewFinding::severity).reversed()).toList();
    }

    /** The findings of one subgroup. */
    public List<ReviewFinding> findings(String subGroup) {
        return findings.stream().filter(f -> f.subGroup().equals(subGroup)).toList();
    }

    /** A table of every finding, under a line that says whether a create may go ahead. */
    @Override
    public String toString() {
        long errors = errors().size();
        long warnings = warnings().size();
        StringBuilder out = new StringBuilder("MCI review: ")
                .append(ok() ? "ok" : "BLOCKED, " + errors + " error(s)")
                .append(", ").append(warnings).append(" warning(s)\n");
        ReviewTable table = new ReviewTable("SEVERITY", "SUBGROUP", "CONNECTION", "CHECK", "MESSAGE");
        findings.forEach(f -> table.row(f.severity().name(), f.subGroup(), f.connection(), f.check().name(), f.message()));
        return out.append(table).toString();
    }

    private List<ReviewFinding> withSeverity(ReviewSeverity severity) {
        return findings.stream().filter(f -> f.severity() == severity).toList();
    }

    /** One ERROR per subgroup whose name another subgroup already has (both connections named). */
    private static List<ReviewFinding> duplicateNames(List<SubGroupRequest> subGroups) {
        Map<String, SubGroupRequest> first = new LinkedHashMap<>();
        List<ReviewFinding> found = new ArrayList<>();
        for (SubGroupRequest sg : subGroups) {
            SubGroupRequest earlier = first.putIfAbsent(sg.name(), sg);
            if (earlier != null) {
                found.add(ReviewFinding.of(sg, ReviewCheck.NAME, ReviewSeverity.ERROR, "subgroup name '" + sg.name()
                        + "' is used twice (also on " + earlier.connection() + "): VM names would clash"));
            }
        }
        return found;
    }

    private static <T> T result(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reviewing the MCI", e);
        } catch (ExecutionException e) {
            // The checks catch every RuntimeException themselves; only an Error can get here.
            throw new IllegalStateException("review task failed", e.getCause());
        }
    }
}
