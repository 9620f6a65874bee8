package io.multicloud.core.mci;

import io.multicloud.api.Cloud;
import io.multicloud.api.CloudException;
import io.multicloud.api.ErrorContext;
import io.multicloud.api.ErrorScope;
import io.multicloud.api.ScopedCloudException;
import io.multicloud.api.Vm;
import io.multicloud.api.VmStatus;
import io.multicloud.core.catalog.FailoverPlan;
import io.multicloud.core.catalog.Offer;
import io.multicloud.core.catalog.OfferId;
import io.multicloud.core.catalog.PriceQuote;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Places one failover subgroup ({@link FailoverSubGroup}) during a creation: its places in turn
 * ({@link FailoverPlan}), until one takes every VM without a quota or capacity refusal. At each
 * place, before anything is made there: the budget (a place priced over it is passed over), a
 * connection (one open to the place, else opened), the check-before-create review of the subgroup
 * there and a look for VMs of another MCI of this name (reads only). Then its VMs are made as any
 * subgroup's. When a VM is refused with {@code QuotaExceeded} or {@code CapacityUnavailable}, the
 * VMs made there are deleted (each verified gone) and so is the shared network when nothing else
 * uses it, the error's scope is blocked, and the next place is tried. VM numbers go on from place
 * to place (never reused), so nothing made at one place is ever mistaken for another's.
 */
final class SubGroupPlacer {
    private static final Logger LOG = LoggerFactory.getLogger(SubGroupPlacer.class);

    private final MciEngine engine;
    private final Mci mci;
    private final FailoverSubGroup request;
    private final Progress progress;
    private final Stop stop;
    private final BudgetLedger ledger;

    /**
     * What placing the subgroup came to.
     *
     * @param made the VMs of the place it ended on (FAILED outcomes, without VMs, when no place took it),
     *             and those made at a refused place that could not be deleted
     * @param attempts every place tried or passed over, in order
     * @param group the subgroup as it lives now, at its place; null when no place took it
     */
    record Placed(List<VmProvisioner.Made> made, List<FailoverPlan.Attempt> attempts, SubGroupRequest group) {
    }

    SubGroupPlacer(MciEngine engine, Mci mci, FailoverSubGroup request, Progress progress, Stop stop, BudgetLedger ledger) {
        this.engine = engine;
        this.mci = mci;
        this.request = request;
        this.progress = progress;
        this.stop = stop;
        this.ledger = ledger;
    }

    Placed run() {
        FailoverPlan plan = request.plan();
        List<VmProvisioner.Made> stranded = new ArrayList<>();
        int nextIndex = 1;
        String lastPlace = request.offers().getFirst().id().toString();
        while (!stop.stopped()) {
            Optional<FailoverPlan.Candidate> next = plan.next();
            if (next.isEmpty()) {
                break;
            }
            FailoverPlan.Candidate candidate = next.get();
            Offer offer = candidate.offer();
            String place = candidate.place();
            lastPlace = place;
            PriceQuote price = PriceQuote.of(OfferId.parse(place), offer);
            if (ledger != null) {
                Optional<String> over = ledger.tryPlace(request.name(), price, request.size());
                if (over.isPresent()) {
                    plan.failed(candidate, null, over.get());
                    continue;
                }
            }
            SubGroupRequest group;
            try {
                Cloud cloud = engine.placeConnection(offer.provider(), offer.region(), candidate.zone());
                group = new SubGroupRequest(request.name(), cloud, offer.specName(), request.image(), request.size(), null, null,
                        List.of(), null, request.labels(), request.publicIp());
                MciTags.group(group, request.size());
            } catch (RuntimeException e) {
                plan.failed(candidate, null, "no connection there: " + message(e));
                continue;
            }
            if (refusedBeforeMaking(plan, candidate, group)) {
                continue;
            }
            int first = nextIndex;
            nextIndex += request.size();
            LOG.info("MCI {}: subgroup {} tries {}", mci.name(), request.name(), place);
            List<VmProvisioner.Made> made = engine.createGroup(mci, group, first, request.size(), request.size(), progress, stop,
                    price, place);
            Optional<ScopedCloudException> refusal = made.stream().map(VmProvisioner.Made::error)
                    .filter(ScopedCloudException.class::isInstance).map(ScopedCloudException.class::cast).findFirst();
            if (refusal.isEmpty()) {
                plan.succeeded(candidate);
                mci.placed(group, nextIndex - 1);
                List<VmProvisioner.Made> all = new ArrayList<>(stranded);
                all.addAll(made);
                return new Placed(all, plan.attempts(), group);
            }
            stranded.addAll(undo(made, group, place, refusal.get()));
            plan.failed(candidate, refusal.get());
            LOG.info("MCI {}: {} refused subgroup {} ({}); blocked: {}", mci.name(), place, request.name(),
                    refusal.get().getMessage(), plan.blockedScopes());
        }
        String why = stop.stopped() ? "not made: the operation was stopped"
                : "no place took subgroup " + request.name() + " (" + plan.attempts().size() + " of at most "
                        + request.maxAttempts() + " place(s) tried: " + summary(plan.attempts()) + ")";
        String connection = lastPlace;
        int tries = plan.attempts().size();
        int last = nextIndex;
        List<VmProvisioner.Made> failed = new ArrayList<>(stranded);
        IntStream.range(last, last + request.size()).forEach(i -> failed.add(new VmProvisioner.Made(new VmOutcome(
                request.name(), VmProvisioner.vmName(mci.name(), request.name(), i), connection, VmOutcome.Result.FAILED,
                VmStatus.TERMINATED, why, tries), Optional.empty())));
        return new Placed(failed, plan.attempts(), null);
    }

    /**
     * The checks of a place with reads only, at once: the review of the subgroup there, and VMs of
     * another MCI of this name. True when the place is passed over (recorded in the plan): a blocking
     * quota finding blocks the region (quotas are the account's in a region), any other blocking
     * finding only this place; a taken name stops the creation (it gives up the name).
     */
    private boolean refusedBeforeMaking(FailoverPlan plan, FailoverPlan.Candidate candidate, SubGroupRequest group) {
        MciReview review;
        List<Vm> named;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<MciReview> reviewed = pool.submit(() -> MciReview.of(List.of(group)));
            Future<List<Vm>> lookup = pool.submit(() -> {
                try {
                    return group.cloud().vms().listTagged(MciTags.MCI, mci.name());
                } catch (CloudException e) {
                    return List.of();
                }
            });
            review = Parallel.result(reviewed);
            named = Parallel.result(lookup);
        }
        Optional<Vm> other = named.stream().filter(v -> v.status() != VmStatus.TERMINATED)
                .filter(v -> !mci.id().equals(v.tags().get(MciTags.ID))).findFirst();
        if (other.isPresent()) {
            String text = "an MCI named '" + mci.name() + "' has VMs on " + group.connection() + " (" + other.get().name() + ")";
            plan.failed(candidate, null, text);
            stop.nameTaken(new VmProvisioner.NameTaken(ErrorContext.of(group.connection(), null, mci.name()), text));
            return true;
        }
        Optional<ReviewFinding> blocking = review.findings().stream().filter(f -> f.blocking() && !f.unanswered()).findFirst();
        if (blocking.isPresent()) {
            ReviewFinding f = blocking.get();
            ErrorScope scope = f.check() == ReviewCheck.QUOTA ? ErrorScope.REGION : null;
            plan.failed(candidate, scope, "review: " + f.check().name().toLowerCase(Locale.ROOT) + ": " + f.message());
            return true;
        }
        return false;
    }

    /**
     * Deletes what was made at a place that refused the subgroup, each VM verified gone, then the
     * place's shared network when nothing else uses it. Returns the VMs that could not be deleted:
     * they stay the MCI's (FAILED, with the reason), so that nothing is left unaccounted for.
     */
    private List<VmProvisioner.Made> undo(List<VmProvisioner.Made> made, SubGroupRequest group, String place,
                                          ScopedCloudException refusal) {
        List<MciVm> there = made.stream().flatMap(m -> m.vm().stream()).toList();
        String why = "made at " + place + ", which refused the subgroup (" + refusal.getClass().getSimpleName() + ")";
        List<VmProvisioner.Made> kept = Parallel.map(there, vm -> {
            String failure = engine.provisioner().delete(mci.name(), vm, progress);
            if (failure == null) {
                return null;
            }
            return new VmProvisioner.Made(new VmOutcome(vm.subGroup(), vm.name(), vm.connection(), VmOutcome.Result.FAILED,
                    vm.status(), why + "; it could not be deleted: " + failure, 1), Optional.of(vm));
        }).stream().filter(java.util.Objects::nonNull).toList();
        if (!group.isStatic()) {
            engine.releaseShared(List.of(group.cloud()), progress);
        }
        return kept;
    }

    private static String summary(List<FailoverPlan.Attempt> attempts) {
        return String.join("; ", attempts.stream().map(a -> a.candidate().place() + " " + a.error()).toList());
    }

    private static String message(RuntimeException e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    }
}
