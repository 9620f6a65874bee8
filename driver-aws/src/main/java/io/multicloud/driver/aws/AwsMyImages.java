package io.multicloud.driver.aws;

import io.multicloud.api.AlreadyExistsException;
import io.multicloud.api.ErrorContext;
import io.multicloud.api.MyImage;
import io.multicloud.api.MyImageRequest;
import io.multicloud.api.MyImageStatus;
import io.multicloud.api.ResourceKind;
import io.multicloud.spi.MyImageService;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.ImageState;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/**
 * The user's own images: every AMI this account owns. Those made here (CreateImage from a VM) are
 * named by their {@code Name} tag (the AMI name is the same); others by a valid Name tag, else
 * a valid AMI name, else their id. The source VM is kept in the source VM kept in a
 * {@code multicloud:source-vm} tag. Delete deregisters the AMI and deletes its EBS snapshots.
 * Status: pending → CREATING, available → AVAILABLE, anything else → FAILED.
 */
final class AwsMyImages implements MyImageService {
    private static final ResourceKind KIND = ResourceKind.MY_IMAGE;
    static final String SOURCE_TAG = "multicloud:source-vm";

    private final AwsContext ctx;
    private final Ec2Lookups lookups;

    AwsMyImages(AwsContext ctx) {
        this.ctx = ctx;
        this.lookups = new Ec2Lookups(ctx);
    }

    private Ec2Client ec2() {
        return ctx.clients().ec2();
    }

    @Override
    public List<MyImage> list() {
        return images().stream().map(this::toRecord).sorted(Comparator.comparing(MyImage::name)).toList();
    }

    @Override
    public Optional<MyImage> find(String name) {
        return image(name).map(this::toRecord);
    }

    /** The account's own AMIs matching these filters, every page. */
    private List<Image> images(software.amazon.awssdk.services.ec2.model.Filter... filters) {
        return ctx.errors().call(KIND, null, () -> ec2().describeImagesPaginator(r -> {
            r.owners("self").filters(filters);
            Integer size = ctx.pageSize();
            if (size != null) {
                r.maxResults(Math.max(5, size));
            }
        }).images().stream().toList());
    }

    /** The account's AMI of this name (Name tag, else AMI name) or id. */
    private Optional<Image> image(String nameOrId) {
        if (AwsNames.valid(nameOrId)) {
            Optional<Image> named = images(Ec2Tags.named(nameOrId)).stream().filter(i -> nameOrId.equals(name(i))).findFirst()
                    .or(() -> images(Ec2Tags.filter("name", nameOrId)).stream().filter(i -> nameOrId.equals(name(i))).findFirst());
            if (named.isPresent()) {
                return named;
            }
        }
        return nameOrId.startsWith("ami-") ? images(Ec2Tags.filter("image-id", nameOrId)).stream().findFirst() : Optional.empty();
    }

    /** An AMI's name: its Name tag, else its AMI name, else its id. */
    private static String name(Image i) {
        return AwsNames.of(i.imageId(), Ec2Tags.name(i.tags()).orElse(null), i.name());
    }

    @Override
    public MyImage create(MyImageRequest request) {
        String name = request.name();
        if (image(name).isPresent()) {
            throw new AlreadyExistsException(ErrorContext.of(ctx.config().name(), KIND, name), "an image of this name exists");
        }
        String instanceId = lookups.requireInstance(request.sourceVm()).instanceId();
        var tags = Ec2Tags.spec(ResourceType.IMAGE, name, request.tags(), Map.of(SOURCE_TAG, request.sourceVm()));
        String imageId = ctx.errors().call(KIND, name, () -> ec2().createImage(r -> r.instanceId(instanceId).name(name)
                .description("multicloud image " + name + " of VM " + request.sourceVm()).tagSpecifications(tags)).imageId());
        return image(name).map(this::toRecord).orElse(new MyImage(name, imageId, request.sourceVm(), MyImageStatus.CREATING,
                Instant.now(), request.tags()));
    }

    @Override
    public void delete(String name) {
        Image image = image(name).orElseThrow(() -> lookups.notFound(KIND, name, "no image of this account has this name or id"));
        List<String> snapshots = image.blockDeviceMappings().stream()
                .filter(m -> m.ebs() != null && m.ebs().snapshotId() != null).map(m -> m.ebs().snapshotId()).toList();
        ctx.errors().run(KIND, name, () -> ec2().deregisterImage(r -> r.imageId(image.imageId())));
        // The snapshots are free to go only once the AMI no longer refers to them.
        snapshots.forEach(s -> ctx.errors().run(KIND, name, () -> ec2().deleteSnapshot(r -> r.snapshotId(s))));
    }

    static MyImageStatus status(ImageState state) {
        if (state == ImageState.PENDING) {
            return MyImageStatus.CREATING;
        }
        return state == ImageState.AVAILABLE ? MyImageStatus.AVAILABLE : MyImageStatus.FAILED;
    }

    private MyImage toRecord(Image i) {
        return new MyImage(name(i), i.imageId(),
                Ec2Tags.value(i.tags(), SOURCE_TAG).orElse(null), status(i.state()), instant(i.creationDate()),
                Ec2Tags.user(i.tags()));
    }

    private static Instant instant(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
