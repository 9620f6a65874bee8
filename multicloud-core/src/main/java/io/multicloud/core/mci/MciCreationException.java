package io.multicloud.core.mci;

import io.multicloud.api.CloudException;
import io.multicloud.api.ErrorContext;

/**
 * An MCI creation that made no VM (whatever the failure policy), or that was stopped: the report
 * says what happened to each VM. When no VM was made, no MCI is registered and nothing the
 * creation made is left; when it was stopped with some VMs made, they form the MCI (find it with
 * {@code mc.mcis().get(name)}).
 */
public final class MciCreationException extends CloudException {
    private final transient MciReport report;

    MciCreationException(MciReport report, String reason) {
        super(ErrorContext.of(null, null, report.mci()), "MCI " + report.mci() + ": " + reason + ": " + report
                + report.failed().stream().findFirst().map(f -> "; first failure: " + f.vm() + ": " + f.reason()).orElse(""));
        this.report = report;
    }

    /** What the creation did, VM by VM. */
    public MciReport report() {
        return report;
    }
}
