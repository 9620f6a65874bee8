package io.multicloud.driver.azure;

import com.azure.resourcemanager.compute.fluent.DisksClient;
import com.azure.resourcemanager.compute.fluent.models.DiskInner;
import com.azure.resourcemanager.compute.models.CreationData;
import com.azure.resourcemanager.compute.models.DiskCreateOption;
import io.multicloud.api.ResourceKind;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * My-images kept as managed disks: a copy ({@code createOption: Copy}) of a VM's OS disk, taken
 * while the VM runs, tagged {@code multicloud-azure:my-image}. Azure's managed images need a
 * generalized source ("For managed images, use Generalized", image.json), which ends the source
 * VM's use (a VM that was generalized gets one: {@link AzureManagedImages}); a specialized disk
 * is instead booted by attaching a copy of it as a new VM's OS disk
 * ({@code createOption: Attach}, no {@code osProfile}), which is what a VM made from such a
 * my-image gets. Every copy that fails half-way is deleted again.
 */
final class AzureImageDisks {
    private static final Logger LOG = LoggerFactory.getLogger(AzureImageDisks.class);
    private final AzureContext ctx;

    AzureImageDisks(AzureContext ctx) {
        this.ctx = ctx;
    }

    private DisksClient disks() {
        return ctx.clients().compute().getDisks();
    }

    /** Whether a disk is a my-image. */
    static boolean isImage(DiskInner d) {
        return d.tags() != null && d.tags().containsKey(AzureTagNames.MY_IMAGE);
    }

    /** The my-image disk of a name or id (see {@link AzureLookup}), empty when there is none. */
    Optional<DiskInner> find(ResourceKind kind, String nameOrId) {
        if (AzureIds.isId(nameOrId) && !nameOrId.toLowerCase(java.util.Locale.ROOT).contains("/microsoft.compute/disks/")) {
            return Optional.empty();
        }
        return ctx.lookup().find(kind, AzureDisks.TYPE, nameOrId, (group, name) -> disks().getByResourceGroup(group, name))
                .filter(AzureImageDisks::isImage);
    }

    /** The disk of this name in the connection's group, image or not (a name a create must not take). */
    Optional<DiskInner> inOwnGroup(ResourceKind kind, String name) {
        return ctx.lookup().inOwnGroup(kind, name, (group, n) -> disks().getByResourceGroup(group, n));
    }

    /**
     * Copies a disk into the connection's group under a name, in the source's zone and SKU, and
     * waits for the copy; a copy that fails is deleted before the error is thrown.
     */
    DiskInner copy(ResourceKind kind, String name, DiskInner source, Map<String, String> tags) {
        ctx.ensureResourceGroup();
        DiskInner body = new DiskInner().withLocation(source.location()).withTags(tags).withSku(source.sku())
                .withCreationData(new CreationData().withCreateOption(DiskCreateOption.COPY).withSourceResourceId(source.id()));
        if (source.zones() != null && !source.zones().isEmpty()) {
            body.withZones(source.zones());
        }
        try {
            return ctx.await(kind, name, () -> disks().beginCreateOrUpdate(ctx.resourceGroup(), name, body));
        } catch (RuntimeException e) {
            delete(kind, name);
            throw e;
        }
    }

    /** Deletes a disk of the connection's group made by a step that then failed; a failure here is logged, the first error counts. */
    void delete(ResourceKind kind, String name) {
        try {
            ctx.find(kind, name, () -> disks().getByResourceGroup(ctx.resourceGroup(), name))
                    .ifPresent(d -> ctx.await(kind, name, () -> disks().beginDelete(ctx.resourceGroup(), name)));
        } catch (RuntimeException e) {
            LOG.warn("could not delete disk {} of {} after a failed step: {}", name, ctx.resourceGroup(), e.getMessage());
        }
    }
}
