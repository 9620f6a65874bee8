package io.multicloud.catalog.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.multicloud.api.Architecture;
import io.multicloud.core.catalog.AcceleratorModels;
import io.multicloud.core.catalog.Offer;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The importer's parts on small hand-made inputs shaped like the real files' traps. */
class ImporterPartsTest {

    @Test
    void aRowWithMoreFieldsThanTheHeaderJoinsTheExtraToTheLastColumn() {
        Csv csv = Csv.parse("""
                InstanceType,AcceleratorName,AcceleratorCount,vCPUs,MemoryGiB,GpuInfo,Price,SpotPrice,Region,Generation
                Standard_B12ms,,,12,48,,0.634,,australiacentral,V1,V2
                Standard_A1_v2,,,1,2,,0.05,0.00924,australiacentral,V1
                """);
        assertThat(csv.widened()).isEqualTo(1);
        String[] b12 = csv.rows().get(0);
        assertThat(csv.get(b12, "Region")).isEqualTo("australiacentral");
        assertThat(csv.get(b12, "Generation")).isEqualTo("V1,V2");
        assertThat(csv.get(b12, "Price")).isEqualTo("0.634");
        assertThat(csv.get(b12, "SpotPrice")).isEmpty();
    }

    @Test
    void quotedCellsKeepTheirCommas() {
        Csv csv = Csv.parse("a,b,c\nx,\"one, two\",\"say \"\"hi\"\"\"\n");
        assertThat(csv.get(csv.rows().get(0), "b")).isEqualTo("one, two");
        assertThat(csv.get(csv.rows().get(0), "c")).isEqualTo("say \"hi\"");
    }

    @Test
    void modelsAreNormalisedAcrossClouds() {
        assertThat(AcceleratorModels.normalise("NVIDIA A100", 80)).isEqualTo("A100-80GB");
        assertThat(AcceleratorModels.normalise("A100-80GB", Double.NaN)).isEqualTo("A100-80GB");
        assertThat(AcceleratorModels.normalise("NVIDIA A100", 40)).isEqualTo("A100");
        assertThat(AcceleratorModels.normalise("NVIDIA L4", Double.NaN)).isEqualTo("L4");
        assertThat(AcceleratorModels.normalise("H100-MEGA", Double.NaN)).isEqualTo("H100");
        assertThat(AcceleratorModels.normalise("NVIDIA Tesla T4", Double.NaN)).isEqualTo("T4");
        assertThat(AcceleratorModels.normalise("NVIDIA B200 Blackwell", Double.NaN)).isEqualTo("B200");
        assertThat(AcceleratorModels.normalise("NVIDIA GB200 Grace Blackwell", Double.NaN)).isEqualTo("GB200");
        assertThat(AcceleratorModels.normalise("AMD Radeon Pro V520", Double.NaN)).isEqualTo("V520");
        assertThat(AcceleratorModels.normalise("V100", 32)).isEqualTo("V100-32GB");
    }

    @Test
    void awsGpuMemoryOfTheWholeVmIsReadPerGpu() {
        assertThat(AwsGpuImporter.perGpu("A100", 320, 8)).isEqualTo(40);
        assertThat(AwsGpuImporter.perGpu("H200", 1128, 8)).isEqualTo(141);
        assertThat(AwsGpuImporter.perGpu("A10G", 24, 4)).isEqualTo(24);
        assertThat(AwsGpuImporter.perGpu("L40", 48, 0.125)).isEqualTo(48);
        assertThat(AwsGpuImporter.number("Unknown")).isNaN();
        assertThat(AwsGpuImporter.number("1152 GiB")).isEqualTo(1152);
    }

    @Test
    void aFractionalShareSeesItsShareOfTheMemory() {
        OfferMaker maker = new OfferMaker("snapshot:test", Instant.EPOCH, new ImportReport());
        Offer third = maker.make("azure", "eastus", "Standard_NV12ads_A10_v5", null, List.of(), 12, 110,
                Architecture.X86_64, "A10", 0.333, Double.NaN, 1.0, Double.NaN, "USD");
        assertThat(third.acceleratorMemoryGiB()).isEqualTo(8);
        Offer none = maker.make("azure", "eastus", "Standard_D2s_v5", null, List.of(), 2, 8, Architecture.X86_64, "", 0,
                Double.NaN, 0.1, Double.NaN, "USD");
        assertThat(none.acceleratorCount()).isZero();
        assertThat(none.acceleratorMemoryGiB()).isZero();
        assertThat(none.acceleratorModel()).isEmpty();
    }

    @Test
    void specShapesFollowTheCloudsNamingRulesOnlyWhereExact() {
        assertThat(SpecNames.shape("ibm", "bx2-2x8")).isEqualTo(new SpecNames.Shape(2, 8, Architecture.X86_64));
        assertThat(SpecNames.shape("tencent", "S5.MEDIUM4")).isEqualTo(new SpecNames.Shape(2, 4, Architecture.X86_64));
        assertThat(SpecNames.shape("tencent", "S5.2XLARGE16")).isEqualTo(new SpecNames.Shape(8, 16, Architecture.X86_64));
        assertThat(SpecNames.shape("alibaba", "ecs.g6e.xlarge")).isEqualTo(new SpecNames.Shape(4, 16, Architecture.X86_64));
        assertThat(SpecNames.shape("alibaba", "ecs.g6.13xlarge").memoryGiB()).isNaN();
        assertThat(SpecNames.shape("aws", "m6g.large")).isEqualTo(new SpecNames.Shape(2, 8, Architecture.ARM64));
        assertThat(SpecNames.shape("aws", "c4.large").memoryGiB()).isNaN();
        assertThat(SpecNames.shape("nhn", "g2.t4.c4m32")).isEqualTo(new SpecNames.Shape(4, 32, Architecture.X86_64));
        assertThat(SpecNames.shape("kt", "4x16.itl")).isEqualTo(new SpecNames.Shape(4, 16, Architecture.X86_64));
        assertThat(SpecNames.shape("ncp", "s2-g3").vcpus()).isNaN();
    }

    @Test
    void imageAliasesAreThePortableOnes() {
        assertThat(TumblebugImporter.alias("Ubuntu", "22.04", Architecture.X86_64)).isEqualTo("ubuntu-22.04");
        assertThat(TumblebugImporter.alias("Ubuntu", "24.04", Architecture.ARM64)).isEqualTo("ubuntu-24.04-arm64");
        assertThat(TumblebugImporter.alias("Red Hat Enterprise Linux", "8", Architecture.X86_64)).isEqualTo("rhel-8");
        assertThat(TumblebugImporter.provider("NCPVPC")).isEqualTo("ncp");
        assertThat(TumblebugImporter.provider("ALIBABA")).isEqualTo("alibaba");
    }
}
