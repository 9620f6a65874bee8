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
 * The user's own images: AMIs this account made from its VMs (CreateImage), named by their
 * {@code Name} tag (the AMI name is the same), with the source VM kept in a
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
        return ctx.errors().call(KIND, null, () -> ec2().describeImages(r -> r.owners("self").filters(Ec2Tags.hasName())).images())
                .stream().map(this::toRecord).sorted(Comparator.comparing(MyImage::name)).toList();
    }

    @Override
    public Optional<MyImage> find(String name) {
        return image(name).map(this::toRecord);
    }

    private Optional<Image> image(String name) {
        return ctx.errors().call(KIND, name, () -> ec2().describeImages(r -> r.owners("self").filters(Ec2Tags.named(name)))
                .images()).stream().findFirst();
    }

    @Override
    public MyImage create(MyImageRequest request) {
        String name = request.name();
        if (image(name).isPresent()) {
            throw new AlreadyExistsException(ErrorContext.of(ctx.config().name(), KIND, name), "an image with this Name tag exists");
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
        Image image = image(name).orElseThrow(() -> lookups.notFound(KIND, name, "no image of this account has this Name tag"));
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
        return new MyImage(Ec2Tags.name(i.tags()).orElse(i.name()), i.imageId(),
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
