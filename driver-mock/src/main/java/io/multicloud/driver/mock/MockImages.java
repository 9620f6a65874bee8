package io.multicloud.driver.mock;

import io.multicloud.api.MyImage;
import io.multicloud.api.MyImageRequest;
import io.multicloud.api.MyImageStatus;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.VmStatus;
import io.multicloud.driver.mock.MockEntities.MyImageEntity;
import io.multicloud.driver.mock.MockEntities.VmEntity;
import io.multicloud.spi.MyImageService;

import java.util.List;
import java.util.Optional;

/**
 * The user's images, made from a RUNNING or SUSPENDED VM: CREATING, then AVAILABLE. A VM may
 * boot from an AVAILABLE one (by name or id); it inherits the source VM's architecture,
 * platform, login user and root disk size as its minimum.
 */
final class MockImages implements MyImageService {
    private static final String KIND = "my_image";

    private final MockContext ctx;

    MockImages(MockContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public List<MyImage> list() {
        return ctx.read(MockOperations.of(KIND, "list"), (r, now) -> r.myImages.all().stream().map(MyImageEntity::toRecord).toList());
    }

    @Override
    public Optional<MyImage> find(String name) {
        return ctx.read(MockOperations.of(KIND, "find"), (r, now) -> r.myImages.find(name).map(MyImageEntity::toRecord));
    }

    @Override
    public MyImage create(MyImageRequest request) {
        return ctx.write(MockOperations.of(KIND, "create"), (r, now) -> {
            request.requireComplete();
            r.myImages.requireFree(request.name(), ctx.errors);
            VmEntity vm = r.vms.get(request.sourceVm(), ctx.errors);
            if (!vm.life.is(VmStatus.RUNNING) && !vm.life.is(VmStatus.SUSPENDED)) {
                throw ctx.errors.wrongState(ResourceKind.VM, vm.name,
                        "is " + vm.status() + "; an image can be made of a RUNNING or SUSPENDED VM only");
            }
            MyImageEntity image = new MyImageEntity();
            image.init(request.name(), MockContext.newId("myimg"), request.tags());
            image.sourceVm = vm.name;
            image.createdAt = now;
            image.architecture = vm.architecture;
            image.platform = vm.platform;
            image.loginUser = vm.loginUser;
            image.minDiskGB = vm.rootDiskGB;
            image.life = Lifecycle.moving(MyImageStatus.CREATING, MyImageStatus.AVAILABLE, now + ctx.behaviour.transitionMs());
            r.myImages.add(image);
            return image.toRecord();
        });
    }

    @Override
    public void delete(String name) {
        ctx.write(MockOperations.of(KIND, "delete"), (r, now) -> {
            r.myImages.get(name, ctx.errors);
            r.myImages.remove(name);
            return null;
        });
    }
}
