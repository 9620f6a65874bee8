package io.multicloud.driver.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import io.multicloud.api.Architecture;
import io.multicloud.api.Cloud;
import io.multicloud.api.ConnectionConfig;
import io.multicloud.api.Disk;
import io.multicloud.api.DiskStatus;
import io.multicloud.api.Image;
import io.multicloud.api.Platform;
import io.multicloud.api.SecurityGroup;
import io.multicloud.api.Vm;
import io.multicloud.api.VmRequest;
import io.multicloud.api.VmStatus;
import io.multicloud.api.Vpc;
import io.multicloud.core.MultiCloud;
import io.multicloud.core.mci.MciReview;
import io.multicloud.core.mci.ReviewCheck;
import io.multicloud.core.mci.ReviewSeverity;
import io.multicloud.core.mci.SubGroupRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Answers of a real EC2 account that moto does not give, served in EC2's own Query/XML format
 * (files under {@code ec2/}, shaped after recorded answers) by a fake endpoint on 127.0.0.1:
 * listings of two pages each (VPCs, subnets, groups, volumes, instances), resources made outside
 * the library, a Windows AMI and instance whose platform EC2 sends as {@code windows} (lower
 * case, which the SDK's enum does not know), a group entry without GroupName, an instance
 * without placement or launch time, a tag with an empty value, and a 32-bit ({@code i386}) AMI.
 */
class AwsRealAnswersTest {
    private static final String PAGE_2 = "NextToken=";

    private static WireMockServer fake;
    private MultiCloud mc;
    private Cloud cloud;

    @BeforeAll
    static void startFake() {
        fake = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        fake.start();
    }

    @AfterAll
    static void stopFake() {
        fake.stop();
    }

    @BeforeEach
    void connect() {
        fake.resetAll();
        paged("DescribeVpcs", "describe-vpcs");
        paged("DescribeSubnets", "describe-subnets");
        paged("DescribeSecurityGroups", "describe-security-groups");
        paged("DescribeVolumes", "describe-volumes");
        paged("DescribeInstances", "describe-instances");
        answer(action("DescribeImages"), 9, "describe-images-none.xml");
        answer(action("DescribeImages").withRequestBody(containing("ami-0e0e0e0e0e0e0e0e1")), 1, "describe-images-windows.xml");
        answer(action("DescribeImages").withRequestBody(containing("ami-0f386f386f386f386")), 1, "describe-images-i386.xml");
        answer(action("DescribeInstanceTypes").withRequestBody(containing("t3.micro")), 1, "describe-instance-types-t3-micro.xml");
        answer(action("DescribeKeyPairs"), 5, "describe-key-pairs.xml");
        mc = MultiCloud.builder().environment(Map.of()).build();
        cloud = mc.connect(ConnectionConfig.of("aws", "us-east-2").named("aws-recorded")
                .credential(AwsDriver.ACCESS_KEY_ID, "AKIAFAKERECORDED0000")
                .credential(AwsDriver.SECRET_ACCESS_KEY, "fake-secret")
                .property(AwsDriver.ENDPOINT, fake.baseUrl())
                .property(AwsDriver.MAX_ATTEMPTS, "1"));
    }

    @AfterEach
    void close() {
        mc.close();
    }

    @Test
    void vpcsSubnetsGroupsAndVolumesAreReadToTheLastPageAndNamedAsTheAccountHasThem() {
        List<Vpc> vpcs = cloud.vpcs().list();

        assertThat(vpcs).extracting(Vpc::name).containsExactlyInAnyOrder("default", "vpc-0a1b2c3d4e5f60718", "vpc-1");
        Vpc unnamed = cloud.vpcs().get("vpc-0a1b2c3d4e5f60718");
        assertThat(unnamed.tags()).containsEntry("Name", "Web VPC").containsEntry("team", "web");
        assertThat(vpcs).filteredOn(v -> v.name().equals("default")).singleElement()
                .satisfies(v -> assertThat(v.subnets()).extracting(s -> s.name()).containsExactly("subnet-0aa11bb22cc33dd44"));
        assertThat(vpcs).filteredOn(v -> v.name().equals("vpc-1")).singleElement()
                .satisfies(v -> assertThat(v.subnets()).extracting(s -> s.name()).containsExactly("sn-1"));

        assertThat(cloud.securityGroups().list()).extracting(SecurityGroup::name, SecurityGroup::vpc)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("default", "default"),
                        org.assertj.core.groups.Tuple.tuple("launch-wizard-1", "default"));

        List<Disk> disks = cloud.disks().list();
        assertThat(disks).extracting(Disk::name).containsExactly("backups", "vol-0c0c0c0c0c0c0c0c1");
        assertThat(disks.get(1).attachedTo()).isEqualTo("i-0aaaaaaaaaaaaaaa1");
        assertThat(disks.get(1).status()).isEqualTo(DiskStatus.ATTACHED);

        for (String action : List.of("DescribeVpcs", "DescribeSubnets", "DescribeSecurityGroups", "DescribeVolumes")) {
            fake.verify(postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=" + action))
                    .withRequestBody(containing(PAGE_2 + token(action))));
        }
    }

    @Test
    void instancesWithMissingFieldsAndAGroupWithoutNameAreListedNotFailed() {
        List<Vm> vms = cloud.vms().list();

        assertThat(vms).extracting(Vm::name).containsExactly("i-0aaaaaaaaaaaaaaa1", "i-0bbbbbbbbbbbbbbb2");
        Vm windows = vms.get(0);
        // The group entry without GroupName, and unknown to DescribeSecurityGroups, shows its id.
        assertThat(windows.securityGroups()).containsExactly("default", "sg-0b0b0b0b0b0b0b0b1");
        assertThat(windows.tags()).containsEntry("Name", "Windows Jump Host").containsEntry("owner", "");
        assertThat(windows.zone()).isNull();
        assertThat(windows.createdAt()).isNull();
        assertThat(windows.vpc()).isEqualTo("default");
        assertThat(windows.rootDiskGB()).isEqualTo(30);
        assertThat(windows.loginUser()).isEqualTo("Administrator");
        Vm stopped = vms.get(1);
        assertThat(stopped.status()).isEqualTo(VmStatus.SUSPENDED);
        assertThat(stopped.securityGroups()).containsExactly("launch-wizard-1");
        assertThat(stopped.keyPair()).isNull();
        assertThat(stopped.rootDiskGB()).isZero();
    }

    @Test
    void aWindowsAmiSentAsLowerCaseWindowsIsWindowsAndItsVmGetsNoCloudInit() {
        Image image = cloud.images().get("ami-0e0e0e0e0e0e0e0e1");
        assertThat(image.platform()).isEqualTo(Platform.WINDOWS);
        assertThat(image.loginUser()).isEqualTo("Administrator");
        answer(action("DescribeInstances").withRequestBody(containing("win-1")), 1, "describe-instances-none.xml");
        answer(action("RunInstances"), 1, "run-instances-windows.xml");

        Vm vm = cloud.vms().create(VmRequest.named("win-1").image("ami-0e0e0e0e0e0e0e0e1").spec("t3.large")
                .subnet("vpc-1", "sn-1").keyPair("key-1"));

        assertThat(vm.name()).isEqualTo("win-1");
        assertThat(vm.loginUser()).isEqualTo("Administrator");
        String run = fake.findAll(postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=RunInstances")))
                .getFirst().getBodyAsString();
        assertThat(decode(run)).contains("KeyName=key-1", "SubnetId=subnet-0ee55ff66aa77bb88").doesNotContain("UserData");
    }

    @Test
    void an386AmiIsI386AndTheReviewRefusesItOnAnX86Spec() {
        Image image = cloud.images().get("ami-0f386f386f386f386");
        assertThat(image.architecture()).isEqualTo(Architecture.I386);
        assertThat(image.platform()).isEqualTo(Platform.LINUX);
        assertThat(cloud.specs().get("t3.micro").architecture()).isEqualTo(Architecture.X86_64);

        MciReview review = MciReview.of(List.of(SubGroupRequest.of("old", cloud, "t3.micro", "ami-0f386f386f386f386", 1)));

        assertThat(review.ok()).isFalse();
        assertThat(review.findings("old")).filteredOn(f -> f.check() == ReviewCheck.ARCHITECTURE).singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(ReviewSeverity.ERROR);
                    assertThat(f.message()).isEqualTo("image 'ami-0f386f386f386f386' is I386 but spec 't3.micro' is X86_64");
                });
    }

    @Test
    void vmsCarryingATagAreAskedForWithEc2sTagFilter() {
        answer(action("DescribeInstances").withRequestBody(containing("tag%3Amulticloud%3Amci")), 1, "describe-instances-none.xml");

        assertThat(cloud.vms().listTagged("multicloud:mci", "web")).isEmpty();

        String body = decode(fake.findAll(postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=DescribeInstances")))
                .getFirst().getBodyAsString());
        assertThat(body).contains("Filter.1.Name=tag:multicloud:mci", "Filter.1.Value.1=web");
    }

    // --- the fake ------------------------------------------------------------------------------

    private static MappingBuilder action(String action) {
        return post(urlEqualTo("/")).withRequestBody(containing("Action=" + action));
    }

    /** A listing of two pages: the first without NextToken, the second for the first's token. */
    private static void paged(String action, String file) {
        answer(action(action).withRequestBody(notContaining(PAGE_2)), 5, file + "-1.xml");
        answer(action(action).withRequestBody(containing(PAGE_2 + token(action))), 5, file + "-2.xml");
    }

    /** The first page's nextToken, form-encoded as the SDK sends it back. */
    private static String token(String action) {
        String file = switch (action) {
            case "DescribeVpcs" -> "describe-vpcs-1.xml";
            case "DescribeSubnets" -> "describe-subnets-1.xml";
            case "DescribeSecurityGroups" -> "describe-security-groups-1.xml";
            case "DescribeVolumes" -> "describe-volumes-1.xml";
            default -> "describe-instances-1.xml";
        };
        String xml = read(file);
        String token = xml.substring(xml.indexOf("<nextToken>") + 11, xml.indexOf("</nextToken>"));
        return java.net.URLEncoder.encode(token, StandardCharsets.UTF_8);
    }

    private static void answer(MappingBuilder request, int priority, String file) {
        fake.stubFor(request.atPriority(priority).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/xml;charset=UTF-8").withBody(read(file))));
    }

    private static String read(String file) {
        try (InputStream in = AwsRealAnswersTest.class.getResourceAsStream("/ec2/" + file)) {
            if (in == null) {
                throw new IllegalStateException("no test resource ec2/" + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String decode(String form) {
        return URLDecoder.decode(form, StandardCharsets.UTF_8);
    }
}
