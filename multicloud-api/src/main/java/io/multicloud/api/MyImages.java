package io.multicloud.api;

/** The user's own images (snapshots of VMs) on a connection. */
public interface MyImages extends Resources<MyImage, MyImageRequest> {
}
