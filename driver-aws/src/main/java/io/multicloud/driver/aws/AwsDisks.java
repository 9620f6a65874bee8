package io.multicloud.driver.aws;

/** PLACEHOLDER, being written: replace this whole file. */
final class AwsDisks implements io.multicloud.spi.DiskService {
    AwsDisks(AwsContext ctx) {
    }

    @Override
    public java.util.List<io.multicloud.api.Disk> list() {
        throw new UnsupportedOperationException("AWS AwsDisks not written yet");
    }

    @Override
    public io.multicloud.api.Disk create(io.multicloud.api.DiskRequest request) {
        throw new UnsupportedOperationException("AWS AwsDisks not written yet");
    }

    @Override
    public void delete(String name) {
        throw new UnsupportedOperationException("AWS AwsDisks not written yet");
    }

    @Override
    public io.multicloud.api.Disk attach(String disk, String vm) {
        throw new UnsupportedOperationException("AWS AwsDisks not written yet");
    }

    @Override
    public io.multicloud.api.Disk detach(String disk) {
        throw new UnsupportedOperationException("AWS AwsDisks not written yet");
    }

    @Override
    public io.multicloud.api.Disk resize(String disk, int newSizeGB) {
        throw new UnsupportedOperationException("AWS AwsDisks not written yet");
    }

}
