package io.multicloud.testkit;

import io.multicloud.api.Cloud;
import io.multicloud.api.CloudException;
import io.multicloud.api.ConnectionConfig;
import io.multicloud.api.KeyPair;
import io.multicloud.api.VmRequest;
import io.multicloud.api.VmStatus;
import io.multicloud.api.VpcRequest;
import io.multicloud.core.MultiCloud;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The child process of {@link SecretsTest}: works with a canary credential and a new private
 * key, printing everything a careless library might leak through (text forms, exception
 * messages and stack traces) while its DEBUG log goes to the same output. The private key is
 * handed to the parent through a file, never printed.
 * Arguments: the canary value, and the file to write the private key to.
 */
public final class SecretsScenario {
    private SecretsScenario() {
    }

    public static void main(String[] args) throws Exception {
        String canary = args[0];
        Path privateKeyFile = Path.of(args[1]);
        ConnectionConfig config = ConnectionConfig.of("mock", "mars")
                .credential("account", "secrets-scenario")
                .credential("secret", canary)
                .property("transition_ms", "10");
        System.out.println("config: " + config);
        System.out.println("credential: " + config.credential());
        try (MultiCloud multiCloud = MultiCloud.create(); Cloud cloud = multiCloud.connect(config)) {
            System.out.println("cloud: " + cloud + " " + multiCloud);
            KeyPair key = cloud.keyPairs().create("key-1");
            Files.writeString(privateKeyFile, key.privateKey().reveal());
            System.out.println("key pair: " + key);
            System.out.println("listed: " + cloud.keyPairs().list());

            cloud.vpcs().create(VpcRequest.named("vpc-1").cidr("10.0.0.0/16").subnet("sn-1", "10.0.1.0/24"));
            VmRequest request = VmRequest.named("vm-1").image("ubuntu-22.04").spec("m1.small").subnet("vpc-1", "sn-1")
                    .keyPair(key).userData("#!/bin/sh\nexport AWS_SECRET_ACCESS_KEY=" + canary + "\n");
            System.out.println("request: " + request);
            System.out.println("vm: " + cloud.vms().withName(cloud.vms().create(request).name())
                    .waitUntil(VmStatus.RUNNING, Duration.ofSeconds(10)));

            report(() -> cloud.regions().get("vulcan"));
            report(() -> multiCloud.connect(ConnectionConfig.of("mock", "vulcan").credential("secret", canary)));
            report(() -> multiCloud.connect(ConnectionConfig.of("nimbus", "mars").credential("secret", canary)));
            report(() -> cloud.keyPairs().get("key-missing"));
            report(() -> cloud.keyPairs().create("key-1"));
            report(() -> cloud.vms().create(request));
            report(() -> cloud.vpcs().delete("vpc-1"));
        }
        System.out.println("SCENARIO-DONE");
    }

    private static void report(Runnable call) {
        try {
            call.run();
            System.out.println("no error");
        } catch (CloudException e) {
            System.out.println("error: " + e.getMessage() + " / " + e.context());
            e.printStackTrace(System.out);
        }
    }
}
