package io.multicloud.driver.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multicloud.api.AlreadyExistsException;
import io.multicloud.api.Cloud;
import io.multicloud.api.HealthChecker;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.Nlb;
import io.multicloud.api.NlbHealth;
import io.multicloud.api.NlbRequest;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.Protocol;
import io.multicloud.api.TaggedResource;
import io.multicloud.api.ResourceKind;
import io.multicloud.core.MultiCloud;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;

/**
 * Network load balancers against moto. The VPC, subnets and instances are made with the raw EC2
 * client (tagged with {@code Name} as the driver's VPC and VM services tag them), so that this
 * test depends on the load balancer service only.
 */
@RequiresMoto
class AwsLoadBalancersTest {
    private final String run = UUID.randomUUID().toString().substring(0, 6);
    private MultiCloud mc;
    private Cloud cloud;
    private Ec2Client ec2;
    private String vpc;
    private String vm1;
    private String vm2;

    @BeforeEach
    void network() {
        MotoServer moto = MotoServer.get();
        mc = MultiCloud.builder().environment(Map.of()).build();
        cloud = mc.connect(moto.config());
        ec2 = cloud.unwrap(Ec2Client.class);
        vpc = "vpc-" + run;
        String vpcId = ec2.createVpc(r -> r.cidrBlock("10.7.0.0/16").tagSpecifications(nameTag(ResourceType.VPC, vpc))).vpc().vpcId();
        String subnetA = subnet(vpcId, "sn-a", "10.7.1.0/24", "us-east-2a");
        subnet(vpcId, "sn-b", "10.7.2.0/24", "us-east-2b");
        subnet(vpcId, "sn-c", "10.7.3.0/24", "us-east-2a");
        String ami = ec2.describeImages(r -> r.owners("amazon")).images().get(0).imageId();
        vm1 = "vm1-" + run;
        vm2 = "vm2-" + run;
        for (String vm : List.of(vm1, vm2)) {
            ec2.runInstances(r -> r.imageId(ami).instanceType("t3.micro").minCount(1).maxCount(1).subnetId(subnetA)
                    .tagSpecifications(nameTag(ResourceType.INSTANCE, vm)));
        }
    }

    @AfterEach
    void close() {
        mc.close();
    }

    @Test
    void aLoadBalancerIsCreatedOnOneSubnetPerZoneTakesVmsInAndOutAndIsDeleted() {
        String name = "nlb-" + run;
        Nlb created = cloud.nlbs().create(NlbRequest.named(name).vpc(vpc).listener(Protocol.TCP, 80)
                .vmGroup(Protocol.TCP, 8080, vm1).healthChecker(HealthChecker.of(Protocol.TCP, 8080)).tag("team", "web"));
        assertThat(created.name()).isEqualTo(name);
        assertThat(created.vpc()).isEqualTo(vpc);
        assertThat(created.listener().port()).isEqualTo(80);
        assertThat(created.listener().address()).isNotBlank();
        assertThat(created.vmGroup()).isEqualTo(new io.multicloud.api.VmGroup(Protocol.TCP, 8080, List.of(vm1)));
        assertThat(created.healthChecker().port()).isEqualTo(8080);
        assertThat(created.tags()).containsOnly(Map.entry("team", "web"), Map.entry(io.multicloud.api.Tagged.MANAGED, "true"));

        ElasticLoadBalancingV2Client elb = cloud.unwrap(ElasticLoadBalancingV2Client.class);
        LoadBalancer lb = elb.describeLoadBalancers(r -> r.names(name)).loadBalancers().get(0);
        assertThat(lb.availabilityZones()).extracting(z -> z.zoneName()).containsExactlyInAnyOrder("us-east-2a", "us-east-2b");
        assertThat(elb.describeTags(r -> r.resourceArns(lb.loadBalancerArn())).tagDescriptions().get(0).tags())
                .extracting(t -> t.key() + "=" + t.value()).contains("Name=" + name, "multicloud:managed=true");
        assertThat(elb.describeTargetGroups(r -> r.loadBalancerArn(lb.loadBalancerArn())).targetGroups())
                .extracting(g -> g.targetGroupName()).containsExactly(name + "-tg");

        assertThat(cloud.nlbs().addVms(name, vm2).vmGroup().vms()).containsExactlyInAnyOrder(vm1, vm2);
        NlbHealth health = cloud.nlbs().health(name);
        List<String> checked = new ArrayList<>(health.healthy());
        checked.addAll(health.unhealthy());
        assertThat(checked).containsExactlyInAnyOrder(vm1, vm2);
        assertThat(cloud.nlbs().list()).extracting(Nlb::name).contains(name);

        assertThat(cloud.nlbs().removeVms(name, vm1).vmGroup().vms()).containsExactly(vm2);
        assertThatThrownBy(() -> cloud.nlbs().removeVms(name, vm1)).isInstanceOf(NotFoundException.class);
        assertThat(cloud.nlbs().get(name).vmGroup().vms()).containsExactly(vm2);

        cloud.nlbs().delete(name);
        assertThat(cloud.nlbs().find(name)).isEmpty();
        assertThat(elb.describeTargetGroups().targetGroups()).extracting(g -> g.targetGroupName()).doesNotContain(name + "-tg");
        assertThatThrownBy(() -> cloud.nlbs().delete(name)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aTakenNameIsAlreadyExistsAndATooLongNameIsRefusedBeforeCallingAws() {
        String name = "dup-" + run;
        NlbRequest request = NlbRequest.named(name).vpc(vpc).listener(Protocol.TCP, 80).vmGroup(Protocol.TCP, 8080, vm1);
        cloud.nlbs().create(request);
        try {
            assertThatThrownBy(() -> cloud.nlbs().create(request)).isInstanceOf(AlreadyExistsException.class);
        } finally {
            cloud.nlbs().delete(name);
        }
        String tooLong = "a".repeat(33);
        assertThatThrownBy(() -> cloud.nlbs().create(
                NlbRequest.named(tooLong).vpc(vpc).listener(Protocol.TCP, 80).vmGroup(Protocol.TCP, 8080, vm1)))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("32");
    }

    @Test
    void aMissingVmOrVpcIsNotFoundAndLeavesNothingBehind() {
        String name = "miss-" + run;
        assertThatThrownBy(() -> cloud.nlbs().create(NlbRequest.named(name).vpc(vpc).listener(Protocol.TCP, 80)
                .vmGroup(Protocol.TCP, 8080, "no-such-vm"))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> cloud.nlbs().create(NlbRequest.named(name).vpc("no-such-vpc").listener(Protocol.TCP, 80)
                .vmGroup(Protocol.TCP, 8080, vm1))).isInstanceOf(NotFoundException.class);
        assertThat(cloud.nlbs().find(name)).isEmpty();
    }

    @Test
    void loadBalancerTagsAreAddedListedFoundAndRemovedThroughTheTagsCollection() {
        String name = "tag-" + run;
        cloud.nlbs().create(NlbRequest.named(name).vpc(vpc).listener(Protocol.TCP, 80).vmGroup(Protocol.TCP, 8080, vm1));
        try {
            cloud.tags().add(ResourceKind.NLB, name, Map.of("env", "test", "owner", "me"));
            assertThat(cloud.tags().list(ResourceKind.NLB, name)).isEqualTo(Map.of("env", "test", "owner", "me", io.multicloud.api.Tagged.MANAGED, "true"));
            assertThat(cloud.tags().find("owner", "me"))
                    .anySatisfy(t -> assertThat(t.kind()).isEqualTo(ResourceKind.NLB))
                    .extracting(TaggedResource::name).contains(name);
            cloud.tags().remove(ResourceKind.NLB, name, "owner");
            assertThat(cloud.tags().list(ResourceKind.NLB, name)).isEqualTo(Map.of("env", "test", io.multicloud.api.Tagged.MANAGED, "true"));
            assertThatThrownBy(() -> cloud.tags().list(ResourceKind.NLB, "no-such-nlb")).isInstanceOf(NotFoundException.class);
        } finally {
            cloud.nlbs().delete(name);
        }
    }

    @Test
    void targetGroupNamesStayWithin32CharactersAndApart() {
        assertThat(AwsLoadBalancers.targetGroupName("web")).isEqualTo("web-tg");
        String a = AwsLoadBalancers.targetGroupName("a-very-long-load-balancer-name-1");
        String b = AwsLoadBalancers.targetGroupName("a-very-long-load-balancer-name-2");
        assertThat(a).hasSizeLessThanOrEqualTo(32).endsWith("-tg").isNotEqualTo(b);
        assertThat(b).hasSizeLessThanOrEqualTo(32).matches("[a-z0-9-]+");
    }

    private String subnet(String vpcId, String name, String cidr, String zone) {
        return ec2.createSubnet(r -> r.vpcId(vpcId).cidrBlock(cidr).availabilityZone(zone)
                .tagSpecifications(nameTag(ResourceType.SUBNET, name))).subnet().subnetId();
    }

    private static software.amazon.awssdk.services.ec2.model.TagSpecification nameTag(ResourceType type, String name) {
        return software.amazon.awssdk.services.ec2.model.TagSpecification.builder().resourceType(type)
                .tags(t -> t.key("Name").value(name)).build();
    }
}
