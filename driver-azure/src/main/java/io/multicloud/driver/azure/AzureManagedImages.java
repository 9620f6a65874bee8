package io.multicloud.driver.azure;

import com.azure.core.management.SubResource;
import com.azure.resourcemanager.compute.fluent.ImagesClient;
import com.azure.resourcemanager.compute.fluent.models.ImageInner;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInner;
import com.azure.resourcemanager.compute.models.HyperVGenerationTypes;
import io.multicloud.api.ResourceKind;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * My-images kept as managed images ({@code Microsoft.Compute/images}) of a generalized VM: one
 * Images_CreateOrUpdate with {@code sourceVirtualMachine}, in the connection's group and the
 * VM's region, with the VM's Hyper-V generation (from its instance view; Azure's own deduction
 * when the view has none). Azure captures the VM's OS and data disks into it. An image whose
 * create fails half-way is deleted again, so nothing is left behind.
 */
final class AzureManagedImages {
    private static final Logger LOG = LoggerFactory.getLogger(AzureManagedImages.class);
    private final AzureContext ctx;

    AzureManagedImages(AzureContext ctx) {
        this.ctx = ctx;
    }

    private ImagesClient images() {
        return ctx.clients().compute().getImages();
    }

    /**
     * Makes the managed image of a generalized VM (read with its instance view) under a name and
     * waits for it; an image that fails is deleted before the error is thrown.
     */
    ImageInner create(ResourceKind kind, String name, VirtualMachineInner vm, Map<String, String> tags) {
        ctx.ensureResourceGroup();
        ImageInner body = new ImageInner().withLocation(vm.location()).withTags(tags)
                .withSourceVirtualMachine(new SubResource().withId(vm.id()));
        if (vm.instanceView() != null && vm.instanceView().hyperVGeneration() != null) {
            // the instance view's and the image's generation are two enums of the same values (V1, V2)
            body.withHyperVGeneration(HyperVGenerationTypes.fromString(vm.instanceView().hyperVGeneration().toString()));
        }
        try {
            return ctx.await(kind, name, () -> images().beginCreateOrUpdate(ctx.resourceGroup(), name, body));
        } catch (RuntimeException e) {
            delete(kind, name);
            throw e;
        }
    }

    /** Deletes an image of the connection's group made by a create that then failed; a failure here is logged, the first error counts. */
    private void delete(ResourceKind kind, String name) {
        try {
            ctx.find(kind, name, () -> images().getByResourceGroup(ctx.resourceGroup(), name))
                    .ifPresent(i -> ctx.await(kind, name, () -> images().beginDelete(ctx.resourceGroup(), name)));
        } catch (RuntimeException e) {
            LOG.warn("could not delete image {} of {} after a failed create: {}", name, ctx.resourceGroup(), e.getMessage());
        }
    }
}
