package io.multicloud.driver.openstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.multicloud.api.Cloud;
import io.multicloud.api.MyImage;
import io.multicloud.core.MultiCloud;
import io.multicloud.testkit.ConformanceProfile;
import io.multicloud.testkit.DriverConformanceTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.openstack4j.api.OSClient.OSClientV3;
import org.openstack4j.api.types.Facing;

/**
 * The driver conformance kit against the real local OpenStack, as its non-admin user. The
 * local OpenStack has no Cinder and no Octavia, so its catalog offers neither: the disk and
 * load-balancer tests skip here, saying so, and run against fakes in OpenStackDisksTest and
 * OpenStackLoadBalancersTest.
 */
@RequiresOpenStack
class OpenStackConformanceTest extends DriverConformanceTest {
    private MultiCloud multiCloud;

    @Override
    protected Cloud openCloud() {
        multiCloud = MultiCloud.builder().environment(Map.of()).build();
        return multiCloud.connect(LocalOpenStack.demo());
    }

    @Override
    protected void closeCloud(Cloud connection) {
        try {
            connection.close();
        } finally {
            multiCloud.close();
        }
    }

    /**
     * Nova's fake virt driver marks a snapshot's image as uploading and never uploads it, so it
     * would stay queued (CREATING) for ever. The test uploads a few bytes to Glance as the image's
     * owner, as a hypervisor would, and the driver must then see the image become AVAILABLE.
     */
    @Override
    protected void finishSnapshot(Cloud connection, MyImage started) {
        OSClientV3 client = connection.unwrap(OSClientV3.class);
        String glance = client.getToken().getCatalog().stream().filter(s -> "image".equals(s.getType()))
                .flatMap(s -> s.getEndpoints().stream()).filter(e -> e.getIface() == Facing.PUBLIC)
                .map(e -> e.getUrl().toString()).findFirst().orElseThrow();
        String image = glance.replaceAll("/$", "") + "/v2/images/" + started.id();
        // What the libvirt driver does after taking the snapshot: set the formats, then upload.
        HttpRequest formats = HttpRequest.newBuilder(URI.create(image))
                .header("X-Auth-Token", client.getToken().getId())
                .header("Content-Type", "application/openstack-images-v2.1-json-patch")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("[{\"op\": \"add\", \"path\": \"/disk_format\", \"value\": \"raw\"},"
                        + " {\"op\": \"add\", \"path\": \"/container_format\", \"value\": \"bare\"}]")).build();
        HttpRequest upload = HttpRequest.newBuilder(URI.create(image + "/file"))
                .header("X-Auth-Token", client.getToken().getId()).header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[4096])).build();
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> patched = http.send(formats, HttpResponse.BodyHandlers.ofString());
            assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
            HttpResponse<String> response = http.send(upload, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected ConformanceProfile profile() {
        // start.sh's image and smallest flavor; Nova's fake virt driver boots in seconds.
        return ConformanceProfile.defaults().image("cirros-fake").spec("m1.tiny").nodeGroupSpec("m1.tiny")
                .vmTimeout(Duration.ofMinutes(2)).resourceTimeout(Duration.ofMinutes(2));
    }
}
