package io.multicloud.driver.mock;

import io.multicloud.api.ErrorScope;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The control panel of one mock connection, for tests: get it with
 * {@code connection.unwrap(MockControl.class)} (or {@code cloud.unwrap(MockControl.class)}).
 * Its methods return {@code this} so that settings chain.
 *
 * <h2>Scope of each knob</h2>
 * <ul>
 *   <li>per connection: latency, rate limit, injected faults, VMs told to fail, transition time,
 *       SSH hosting;</li>
 *   <li>per account and region: quotas (they are the cloud's, whichever connection asks);</li>
 *   <li>per account: call counts.</li>
 * </ul>
 *
 * <h2>Operation names</h2>
 * Faults and call counts name operations {@code <kind>.<method>}, in lower case, where the kind
 * is the service ({@code region image spec price vpc security_group key_pair vm disk my_image
 * nlb cluster tag any_call}) and the method is the SPI method's name: for example
 * {@code vm.create}, {@code vm.list}, {@code vm.find}, {@code vm.delete}, {@code vm.suspend},
 * {@code vm.resume}, {@code vm.reboot}, {@code vpc.create}, {@code vpc.addsubnet},
 * {@code vpc.removesubnet}, {@code security_group.addrules}, {@code key_pair.create},
 * {@code disk.attach}, {@code disk.detach}, {@code disk.resize}, {@code my_image.create},
 * {@code nlb.addvms}, {@code nlb.health}, {@code cluster.addnodegroup},
 * {@code cluster.scalenodegroup}, {@code tag.add}, {@code tag.find}, {@code image.list},
 * {@code spec.find}, {@code price.list}, {@code region.list}, {@code any_call.call}.
 * {@code "*"} in a fault rule matches every operation; an unknown name is refused
 * (IllegalArgumentException), so that a typo never leaves a test without its fault.
 *
 * <h2>Order of things in a call</h2>
 * A call is counted first, then sleeps the latency, then takes a rate-limit token (or fails
 * Throttled), then checks injected faults (or fails); only then does it reach the cloud's
 * state. So {@link #callCount} proves whether a call reached the cloud at all.
 */
public final class MockControl {
    private final MockContext ctx;

    MockControl(MockContext ctx) {
        this.ctx = ctx;
    }

    /** The mock account this connection works in. */
    public String account() {
        return ctx.account.name();
    }

    /** The region this connection works in. */
    public String region() {
        return ctx.regionName();
    }

    /** Every call of this connection first sleeps this long (not holding any lock). */
    public MockControl setLatency(Duration latency) {
        requireNotNegative(latency, "latency");
        ctx.behaviour.latency(latency);
        return this;
    }

    /** At most this many calls per second through this connection (bursts of that size); 0 for no limit. */
    public MockControl setRateLimit(int callsPerSecond) {
        if (callsPerSecond < 0) {
            throw new IllegalArgumentException("calls per second must not be negative: " + callsPerSecond);
        }
        ctx.behaviour.rateLimit(callsPerSecond);
        return this;
    }

    /**
     * The quotas of this account in this region: creating a VM beyond them is QuotaExceeded
     * (scope REGION). VMs that are terminating or failed do not count. Defaults: 1024 vCPUs, 500 VMs.
     */
    public MockControl setQuota(int maxVcpus, int maxVms) {
        if (maxVcpus < 0 || maxVms < 0) {
            throw new IllegalArgumentException("quotas must not be negative: " + maxVcpus + " vCPUs, " + maxVms + " VMs");
        }
        ctx.admin(r -> {
            r.maxVcpus = maxVcpus;
            r.maxVms = maxVms;
        });
        return this;
    }

    /** The {@code n}-th call of the operation from now on (1 = the next one) fails once with this fault. */
    public MockControl failNthCall(String operation, int n, FaultKind kind) {
        return failNthCall(operation, n, kind, null);
    }

    /**
     * As {@link #failNthCall(String, int, FaultKind)}, a {@link FaultKind#QUOTA} or
     * {@link FaultKind#CAPACITY} fault carrying this scope (zone, region or the whole cloud)
     * instead of the kind's own; null keeps the kind's own.
     */
    public MockControl failNthCall(String operation, int n, FaultKind kind, ErrorScope scope) {
        MockOperations.requireKnown(operation);
        Objects.requireNonNull(kind, "kind");
        if (n < 1) {
            throw new IllegalArgumentException("n counts from 1: " + n);
        }
        requireScoped(kind, scope);
        ctx.behaviour.faults().failNth(operation, n, kind, scope);
        return this;
    }

    /**
     * This fraction (0..1) of the calls of the operation fail with this fault; which ones is
     * decided by the seed and the call's position, so the same seed fails the same calls.
     */
    public MockControl failFraction(String operation, double fraction, long seed, FaultKind kind) {
        return failFraction(operation, fraction, seed, kind, null);
    }

    /** As {@link #failFraction(String, double, long, FaultKind)}, a quota or capacity fault carrying this scope. */
    public MockControl failFraction(String operation, double fraction, long seed, FaultKind kind, ErrorScope scope) {
        MockOperations.requireKnown(operation);
        Objects.requireNonNull(kind, "kind");
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("fraction must be within 0..1: " + fraction);
        }
        requireScoped(kind, scope);
        ctx.behaviour.faults().failFraction(operation, fraction, seed, kind, scope);
        return this;
    }

    private static void requireScoped(FaultKind kind, ErrorScope scope) {
        if (scope != null && kind != FaultKind.QUOTA && kind != FaultKind.CAPACITY) {
            throw new IllegalArgumentException("only quota and capacity faults carry a scope, not " + kind);
        }
    }

    /** Removes every injected fault of this connection (nth-call and fraction rules alike). */
    public MockControl clearFaults() {
        ctx.behaviour.faults().clear();
        return this;
    }

    /** The next {@code count} VMs created through this connection are accepted (CREATING) but end FAILED. */
    public MockControl failVmsAfterAccept(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
        ctx.behaviour.failVmsAfterAccept(count);
        return this;
    }

    /** How long a transition (CREATING → RUNNING and the like) started through this connection takes. */
    public MockControl setTransitionTime(Duration time) {
        requireNotNegative(time, "transition time");
        ctx.behaviour.transition(time);
        return this;
    }

    /**
     * Backs the VMs created through this connection from now on with real SSH endpoints (null
     * switches it off again; VMs served already stay served). For each new VM the mock calls
     * {@link MockSshHosting#serve} with the VM's details, and {@link MockSshHosting#stop} when the VM
     * is deleted. A served VM's {@link io.multicloud.api.Vm#ssh()} then says how to reach it:
     * <ul>
     *   <li>with a public IP: {@code 127.0.0.1}, the port {@code serve} returned, the login user;</li>
     *   <li>without one ({@code VmRequest.publicIp(false)}): its private IP, port 22, the login user
     *       — reachable only through a bastion in its VPC, as in a cloud.</li>
     * </ul>
     * {@code publicIp()} and {@code privateIp()} stay the mock's addresses. Every VM created is
     * served, one told to fail included; the hosting does not follow the VM's status. The served
     * port is not kept in the state file: a VM loaded from it is not served.
     */
    public MockControl serveSsh(MockSshHosting hosting) {
        ctx.behaviour.sshHosting(hosting);
        return this;
    }

    /** Calls that reached this account, through any connection, counted before latency, limits and faults. */
    public long callCount() {
        return ctx.account.callCount();
    }

    /** Calls of one operation (such as {@code vm.create}) that reached this account. */
    public long callCount(String operation) {
        return ctx.account.callCount(operation);
    }

    /** The file the account is kept in, when the connection has a {@code state_dir}. */
    public Optional<Path> stateFile() {
        return ctx.account.stateFile();
    }

    @Override
    public String toString() {
        // The account is the connection's credential: it is never printed.
        return "MockControl[connection=" + ctx.connection + ", region=" + region() + "]";
    }

    private static void requireNotNegative(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative: " + d);
        }
    }
}
