package io.multicloud.core.cloud;

import io.multicloud.api.Capability;
import io.multicloud.api.ConflictException;
import io.multicloud.api.MyImage;
import io.multicloud.api.MyImageRequest;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.Validate;
import io.multicloud.api.Vm;
import io.multicloud.api.VmHandle;
import io.multicloud.api.VmRequest;
import io.multicloud.api.VmStatus;
import io.multicloud.api.Vms;
import io.multicloud.spi.MyImageService;
import io.multicloud.spi.VmService;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** The VMs of a connection: actions, waiting on status, and delete that waits until gone. */
final class VmCollection extends ResourceCollection<Vm, VmRequest, VmService> implements Vms {
    private final Supplier<MyImageService> myImages;

    VmCollection(CloudContext context, Supplier<VmService> service, Supplier<MyImageService> myImages) {
        super(context, ResourceKind.VM, service);
        this.myImages = myImages;
    }

    @Override
    public VmStatus suspend(String name) {
        context.require(Capability.VM_SUSPEND);
        return service().suspend(Validate.notBlank("vm name", name));
    }

    @Override
    public VmStatus resume(String name) {
        context.require(Capability.VM_SUSPEND);
        return service().resume(Validate.notBlank("vm name", name));
    }

    @Override
    public VmStatus reboot(String name) {
        return service().reboot(Validate.notBlank("vm name", name));
    }

    @Override
    public List<Vm> listTagged(String key, String value) {
        Validate.notBlank("tag key", key);
        return service().listTagged(key, value);
    }

    @Override
    public VmStatus terminate(String name) {
        service().delete(Validate.notBlank("vm name", name));
        return VmStatus.TERMINATING;
    }

    @Override
    public Vm waitUntil(String name, VmStatus status, Duration timeout) {
        Validate.notBlank("vm name", name);
        Validate.required("status", status);
        Validate.required("timeout", timeout);
        AtomicReference<Vm> lastSeen = new AtomicReference<>();
        return Waiter.await(() -> find(name), seen -> decide(name, status, seen, lastSeen),
                timeout, context.error(ResourceKind.VM, name), status.display());
    }

    private Waiter.Verdict<Vm> decide(String name, VmStatus status, Optional<Vm> seen, AtomicReference<Vm> lastSeen) {
        if (seen.isEmpty()) {
            if (status != VmStatus.TERMINATED) {
                throw notFound(name);
            }
            // A terminated VM leaves the cloud's list: being gone is the final status.
            Vm last = lastSeen.get();
            return new Waiter.Verdict.Done<>(last != null ? last.withStatus(VmStatus.TERMINATED) : goneVm(name));
        }
        Vm vm = seen.get();
        lastSeen.set(vm);
        if (vm.status() == status) {
            return new Waiter.Verdict.Done<>(vm);
        }
        if (vm.status() == VmStatus.FAILED) {
            throw new ConflictException(context.error(ResourceKind.VM, name), "is FAILED and will not become " + status.display()
                    + (vm.statusReason() == null ? "" : ": " + vm.statusReason()));
        }
        return new Waiter.Verdict.Again<>();
    }

    private Vm goneVm(String name) {
        return new Vm(name, null, VmStatus.TERMINATED, null, null, null, null, null, null, null, List.of(), null,
                null, null, null, 0, null, null, Map.of());
    }

    @Override
    public MyImage snapshot(String vm, String imageName) {
        context.require(Capability.MY_IMAGES);
        return myImages.get().create(MyImageRequest.of(imageName, vm).tag(io.multicloud.api.Tagged.MANAGED, "true"));
    }

    @Override
    public VmHandle withName(String name) {
        return new Handle(Validate.notBlank("vm name", name));
    }

    /** One VM by name; each call goes to the cloud. */
    private final class Handle implements VmHandle {
        private final String name;

        Handle(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Vm get() {
            return VmCollection.this.get(name);
        }

        @Override
        public VmStatus suspend() {
            return VmCollection.this.suspend(name);
        }

        @Override
        public VmStatus resume() {
            return VmCollection.this.resume(name);
        }

        @Override
        public VmStatus reboot() {
            return VmCollection.this.reboot(name);
        }

        @Override
        public VmStatus terminate() {
            return VmCollection.this.terminate(name);
        }

        @Override
        public Vm waitUntil(VmStatus status, Duration timeout) {
            return VmCollection.this.waitUntil(name, status, timeout);
        }

        @Override
        public Vm waitUntil(Predicate<? super Vm> condition, Duration timeout) {
            return VmCollection.this.waitUntil(name, condition, timeout);
        }

        @Override
        public MyImage snapshot(String imageName) {
            return VmCollection.this.snapshot(name, imageName);
        }

        @Override
        public String toString() {
            return "VmHandle[" + name + " on " + context.connection() + "]";
        }
    }
}
