package io.multicloud.driver.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.multicloud.api.Cloud;
import io.multicloud.core.MultiCloud;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * With every logger at DEBUG (slf4j-simple, as an application that turns DEBUG on would), calls
 * through the AWS driver print nothing of the credential: neither the secret nor the access key
 * id, which the SDK's Apache clients would print with every request's Authorization header.
 */
@RequiresMoto
class AwsDebugLoggingTest {
    @Test
    void debugLoggingShowsNoAccessKeyIdNorSecret() throws Exception {
        String endpoint = MotoServer.get().endpoint();
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Process child = new ProcessBuilder(java, "-Dorg.slf4j.simpleLogger.defaultLogLevel=debug",
                "-Dorg.slf4j.simpleLogger.logFile=System.out", "-cp", System.getProperty("java.class.path"),
                Calls.class.getName(), endpoint).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(output).as("the calls were made").contains("CALLS DONE");
        assertThat(output).as("DEBUG was on").contains("DEBUG");
        assertThat(output).doesNotContain(MotoServer.ACCESS_KEY).doesNotContain(MotoServer.SECRET_KEY);
    }

    /** Connects to moto with the fake credential and makes a few calls. */
    public static final class Calls {
        public static void main(String[] args) {
            try (MultiCloud mc = MultiCloud.builder().environment(Map.of()).build()) {
                Cloud aws = mc.connect(io.multicloud.api.ConnectionConfig.of("aws", MotoServer.REGION)
                        .credential(AwsDriver.ACCESS_KEY_ID, MotoServer.ACCESS_KEY)
                        .credential(AwsDriver.SECRET_ACCESS_KEY, MotoServer.SECRET_KEY)
                        .property(AwsDriver.ENDPOINT, args[0]));
                aws.vpcs().list();
                aws.keyPairs().list();
                aws.vms().list();
                List<?> regions = aws.regions().list();
                System.out.println("CALLS DONE " + regions.size());
            }
        }
    }
}
