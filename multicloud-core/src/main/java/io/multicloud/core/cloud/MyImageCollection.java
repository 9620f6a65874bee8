package io.multicloud.core.cloud;

import io.multicloud.api.MyImage;
import io.multicloud.api.MyImageRequest;
import io.multicloud.api.MyImages;
import io.multicloud.api.ResourceKind;
import io.multicloud.spi.MyImageService;
import java.util.function.Supplier;

/** The user's own images. */
final class MyImageCollection extends ResourceCollection<MyImage, MyImageRequest, MyImageService> implements MyImages {

    MyImageCollection(CloudContext context, Supplier<MyImageService> service) {
        super(context, ResourceKind.MY_IMAGE, service);
    }
}
