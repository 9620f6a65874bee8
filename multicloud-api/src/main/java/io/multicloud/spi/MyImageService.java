package io.multicloud.spi;

import io.multicloud.api.MyImage;
import io.multicloud.api.MyImageRequest;

/** The user's own images, made from VMs. */
public interface MyImageService extends ResourceService<MyImage, MyImageRequest> {
}
