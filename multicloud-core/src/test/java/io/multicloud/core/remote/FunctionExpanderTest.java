package io.multicloud.core.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multicloud.api.GeoLocation;
import io.multicloud.api.InvalidRequestException;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FunctionExpanderTest {
    static final GeoLocation OHIO = new GeoLocation(39.96, -83.0, "Ohio, USA");
    static final GeoLocation SEOUL = new GeoLocation(37.5665, 126.978, "Seoul, Korea");

    // Given out of order on purpose: functions must sort VMs naturally themselves.
    static final List<CommandTarget> WEB = CommandTarget.indexed(List.of(
            vm("web", "g1-10", "7.215.23.33", "10.0.0.10", OHIO),
            vm("web", "g1-1", "3.15.18.101", "10.0.0.1", OHIO),
            vm("web", "g1-2", "5.25.153.31", "10.0.0.2", SEOUL)));
    static final List<CommandTarget> DB = CommandTarget.indexed(List.of(
            vm("db", "db-1", null, "10.1.0.1", SEOUL),
            vm("db", "db-2", "9.9.9.9", "10.1.0.2", null)));
    static final Map<String, List<CommandTarget>> FLEET = Map.of("web", WEB, "db", DB);
    static final CommandTarget G1_1 = WEB.get(0);
    static final CommandTarget G1_2 = WEB.get(1);
    static final CommandTarget G1_10 = WEB.get(2);

    static CommandTarget vm(String mci, String vm, String publicIp, String privateIp, GeoLocation location) {
        return new CommandTarget(mci, vm, 0, publicIp, privateIp, location);
    }

    static String expand(String command, CommandTarget self) {
        return FunctionExpander.parse(command).expandFor(self, FLEET);
    }

    @Test
    void onlyTheLocationFunctionsReadWhereAVmIs() {
        assertThat(FunctionExpander.parse("echo $$Func(getlocationlatitude())").readsLocation()).isTrue();
        assertThat(FunctionExpander.parse("x $$Func(GetPublicIPs()) $$Func(GetLocationDisplay(target=this))").readsLocation()).isTrue();
        assertThat(FunctionExpander.parse("echo $$Func(GetPublicIP(target=this)) GetLocationDisplay").readsLocation()).isFalse();
        assertThat(FunctionExpander.parse("hostname").readsLocation()).isFalse();
    }

    @Test
    void onlyIpLiteralsAndPlainPlaceNamesFromTheCloudReachTheCommand() {
        CommandTarget hostile = vm("evil", "e-1", "203.0.113.7;touch pwned", "10.0.0.5$(id)",
                new GeoLocation(1, 2, "Ohio'; rm -rf ~; echo '"));
        CommandTarget v6 = vm("six", "s-1", "2001:db8::1", "fd00::10", new GeoLocation(1, 2, "São Paulo (BR), zone-1/a"));
        Map<String, List<CommandTarget>> fleet = Map.of("evil", CommandTarget.indexed(List.of(hostile)),
                "six", CommandTarget.indexed(List.of(v6)));
        FunctionExpander publicIp = FunctionExpander.parse("curl $$Func(GetPublicIP())");

        assertThatThrownBy(() -> publicIp.expandFor(fleet.get("evil").getFirst(), fleet))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("not an IP literal").hasMessageNotContaining("pwned");
        assertThatThrownBy(() -> FunctionExpander.parse("$$Func(GetPrivateIPs(target=evil))").expandFor(fleet.get("six").getFirst(), fleet))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> FunctionExpander.parse("$$Func(GetLocationDisplay())").expandFor(fleet.get("evil").getFirst(), fleet))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("display name");
        assertThat(publicIp.expandFor(fleet.get("six").getFirst(), fleet)).isEqualTo("curl 2001:db8::1");
        assertThat(FunctionExpander.parse("$$Func(GetPrivateIP())").expandFor(fleet.get("six").getFirst(), fleet)).isEqualTo("fd00::10");
        assertThat(FunctionExpander.parse("$$Func(GetLocationDisplay())").expandFor(fleet.get("six").getFirst(), fleet))
                .isEqualTo("São Paulo (BR), zone-1/a");
    }

    @Test
    void theDesignExamplesExpandAsDocumented() {
        assertThat(expand("$$Func(GetPublicIP(target=this, prefix=http://, postfix=:3000))", G1_1))
                .isEqualTo("http://3.15.18.101:3000");
        assertThat(expand("$$Func(GetPublicIPs(target=this, separator=+, postfix=:3000))", G1_1))
                .isEqualTo("3.15.18.101:3000+5.25.153.31:3000+7.215.23.33:3000");
    }

    @Test
    void getPublicIpReadsThisVmOrTheNamedOne() {
        assertThat(expand("$$Func(GetPublicIP())", G1_2)).isEqualTo("5.25.153.31");
        assertThat(expand("$$Func(GetPublicIP(target=this))", G1_2)).isEqualTo("5.25.153.31");
        assertThat(expand("$$Func(GetPublicIP(target=web.g1-10))", G1_1)).isEqualTo("7.215.23.33");
        assertThat(expand("$$Func(GetPublicIP(target=this.g1-10))", G1_1)).isEqualTo("7.215.23.33");
        assertThat(expand("$$Func(GetPublicIP(target=db.db-2, prefix=[, postfix=]))", G1_1)).isEqualTo("[9.9.9.9]");
    }

    @Test
    void aTargetWhoseVmPartIsThisMeansTheVmOfTheSameIdInThatMci() {
        CommandTarget elsewhere = vm("other", "db-2", "1.1.1.1", "10.9.9.9", null);

        assertThat(FunctionExpander.parse("$$Func(GetPrivateIP(target=db.this))").expandFor(elsewhere, FLEET))
                .isEqualTo("10.1.0.2");
    }

    @Test
    void getPrivateIpReadsThePrivateAddress() {
        assertThat(expand("$$Func(GetPrivateIP(postfix=:5432))", G1_10)).isEqualTo("10.0.0.10:5432");
        assertThat(expand("$$Func(GetPrivateIP(target=db.db-1))", G1_10)).isEqualTo("10.1.0.1");
    }

    @Test
    void getPrivateIpsJoinsEveryVmOfTheMciWithACommaByDefault() {
        assertThat(expand("$$Func(GetPrivateIPs())", G1_2)).isEqualTo("10.0.0.1,10.0.0.2,10.0.0.10");
        assertThat(expand("$$Func(GetPrivateIPs(target=db, prefix=pg://, separator=' '))", G1_2))
                .isEqualTo("pg://10.1.0.1 pg://10.1.0.2");
    }

    @Test
    void getPublicIpsOfAnotherMciIsTheSameOnEveryVm() {
        CommandTarget onDb = vm("db", "db-1", null, "10.1.0.1", null);

        assertThat(expand("$$Func(GetPublicIPs(target=web))", onDb)).isEqualTo("3.15.18.101,5.25.153.31,7.215.23.33");
    }

    @Test
    void vmsAreJoinedInNaturalOrderOfTheirIds() {
        List<CommandTarget> many = IntStream.of(10, 2, 1, 11, 3)
                .mapToObj(i -> vm("big", "g1-" + i, "1.0.0." + i, "10.0.0." + i, null)).toList();

        String joined = FunctionExpander.parse("$$Func(GetPublicIPs())").expandFor(many.getFirst(), Map.of("big", many));

        assertThat(joined).isEqualTo("1.0.0.1,1.0.0.2,1.0.0.3,1.0.0.10,1.0.0.11");
    }

    @Test
    void assignTaskGivesTheVmAtIndexITaskIModN() {
        List<CommandTarget> five = CommandTarget.indexed(IntStream.of(10, 4, 1, 3, 2)
                .mapToObj(i -> vm("work", "w-" + i, null, null, null)).toList());
        FunctionExpander command = FunctionExpander.parse("run $$Func(AssignTask(task='alpha, beta,gamma'))");

        List<String> expanded = command.expandAll(five, Map.of("work", five));

        assertThat(five).extracting(CommandTarget::vm).containsExactly("w-1", "w-2", "w-3", "w-4", "w-10");
        assertThat(expanded).containsExactly("run alpha", "run beta", "run gamma", "run alpha", "run beta");
    }

    @Test
    void assignTaskWithOneTaskGivesItToEveryVm() {
        assertThat(expand("$$Func(AssignTask(task=only))", G1_10)).isEqualTo("only");
    }

    @Test
    void idFunctionsAndTheirAliasesNameTheVmAndItsMci() {
        assertThat(expand("$$Func(GetMciId())", G1_2)).isEqualTo("web");
        assertThat(expand("$$Func(GetInfraId(prefix=<, postfix=>))", G1_2)).isEqualTo("<web>");
        assertThat(expand("$$Func(GetVmId(prefix=host-))", G1_2)).isEqualTo("host-g1-2");
        assertThat(expand("$$Func(GetNodeId())", G1_2)).isEqualTo("g1-2");
    }

    @Test
    void locationFunctionsReadTheTargetVmsRegion() {
        assertThat(expand("$$Func(GetLocationDisplay())", G1_1)).isEqualTo("Ohio, USA");
        assertThat(expand("$$Func(GetLocationLatitude(prefix=lat=))", G1_1)).isEqualTo("lat=39.96");
        assertThat(expand("$$Func(GetLocationLongitude())", G1_1)).isEqualTo("-83.0");
        assertThat(expand("$$Func(GetLocationDisplay(target=web.g1-2, prefix='\"', postfix='\"'))", G1_1))
                .isEqualTo("\"Seoul, Korea\"");
        assertThat(expand("$$Func(GetLocationLongitude(target=db.db-1))", G1_1)).isEqualTo("126.978");
    }

    @Test
    void coordinatesArePlainDecimalsNeverScientific() {
        CommandTarget nearNullIsland = vm("x", "x-1", null, null, new GeoLocation(0.0001, -0.00002, "sea"));

        assertThat(FunctionExpander.parse("$$Func(GetLocationLatitude()) $$Func(GetLocationLongitude())")
                .expandFor(nearNullIsland, Map.of())).isEqualTo("0.0001 -0.00002");
    }

    @Test
    void functionNamesAndKeysIgnoreCase() {
        assertThat(expand("$$Func(getpublicip(TARGET=this, Prefix=http://))", G1_1)).isEqualTo("http://3.15.18.101");
        assertThat(expand("$$Func(GETVMID())", G1_1)).isEqualTo("g1-1");
        assertThat(expand("$$Func(assigntask(TASK='a,b'))", G1_2)).isEqualTo("b");
    }

    @Test
    void quotedValuesKeepCommasParenthesesAndInnerSpaces() {
        assertThat(expand("$$Func(GetPublicIPs(separator=' ), (', prefix='(', postfix=' )'))", G1_1))
                .isEqualTo("(3.15.18.101 ) ), ((5.25.153.31 ) ), ((7.215.23.33 )");
    }

    @Test
    void whitespaceAroundNamesKeysAndValuesIsTrimmedButNotInsideQuotes() {
        assertThat(expand("$$Func(  GetVmId ( prefix =  ' a '  ,  postfix = b c  ) )", G1_1)).isEqualTo(" a g1-1b c");
    }

    @Test
    void anEmptyValueIsAllowed() {
        assertThat(expand("$$Func(GetPublicIPs(separator=))", G1_1)).isEqualTo("3.15.18.1015.25.153.317.215.23.33");
        assertThat(expand("$$Func(GetPublicIPs(separator=''))", G1_1)).isEqualTo("3.15.18.1015.25.153.317.215.23.33");
    }

    @Test
    void severalFunctionsInOneCommandEachExpandInPlace() {
        String command = "echo $$Func(GetVmId()) of $$Func(GetMciId()) at $$Func(GetPublicIP(prefix=http://))"
                + " peers=$$Func(GetPrivateIPs(separator=;)) task=$$Func(AssignTask(task='x,y'))";

        assertThat(expand(command, G1_2)).isEqualTo("echo g1-2 of web at http://5.25.153.31"
                + " peers=10.0.0.1;10.0.0.2;10.0.0.10 task=y");
    }

    @Test
    void textOutsideFunctionsIsKeptByteForByte() {
        String text = "  sudo sh -c 'echo \"$$ $HOME\" > /tmp/ü\u00e9.txt' ;\n\tls -la  $$Funky (x) ' \"\\  ";

        assertThat(expand(text, G1_1)).isEqualTo(text);
        assertThat(expand("a  $$Func(GetVmId())\n\t'b'", G1_1)).isEqualTo("a  g1-1\n\t'b'");
        assertThat(expand("", G1_1)).isEmpty();
        assertThat(FunctionExpander.parse(text).hasFunctions()).isFalse();
    }

    @Test
    void valuesAreInsertedAsDataWithoutAnyShellQuoting() {
        assertThat(expand("$$Func(GetVmId(prefix='; rm -rf / #', postfix='$(id) `id`'))", G1_1))
                .isEqualTo("; rm -rf / #g1-1$(id) `id`");
    }

    @Test
    void anUnknownMciIsRefusedWithTheColumnOfTheTarget() {
        assertThatThrownBy(() -> expand("ping $$Func(GetPublicIP(target=cache.c-1))", G1_1))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("command"))
                .hasMessageContaining("at column 32, expanding for VM web.g1-1: unknown MCI 'cache'");
        assertThatThrownBy(() -> expand("$$Func(GetPrivateIPs(target=cache))", G1_1))
                .hasMessageContaining("at column 29, expanding for VM web.g1-1: unknown MCI 'cache'");
    }

    @Test
    void anUnknownVmIsRefusedWithTheColumnOfTheTarget() {
        assertThatThrownBy(() -> expand("ping $$Func(GetPublicIP(target=this.g1-3))", G1_1))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("at column 32, expanding for VM web.g1-1: no VM 'g1-3' in MCI 'web'");
    }

    @Test
    void aVmWithoutAPublicIpCannotGiveOne() {
        assertThatThrownBy(() -> expand("x $$Func(GetPublicIP(target=db.db-1))", G1_1))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("at column 29").hasMessageContaining("VM db.db-1 has no public IP");
        assertThatThrownBy(() -> expand("x $$Func(GetPublicIPs(target=db))", G1_1))
                .hasMessageContaining("at column 30").hasMessageContaining("VM db.db-1 has no public IP");
        assertThatThrownBy(() -> expand("x $$Func(GetPublicIP())", DB.getFirst()))
                .hasMessageContaining("at column 3, expanding for VM db.db-1: VM db.db-1 has no public IP");
    }

    @Test
    void aVmWithoutALocationCannotGiveOne() {
        assertThatThrownBy(() -> expand("$$Func(GetLocationDisplay(target=db.db-2))", G1_1))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("at column 34").hasMessageContaining("VM db.db-2 has no known location");
    }

    @Test
    void expandAllStopsAtTheFirstVmThatCannotBeExpanded() {
        FunctionExpander command = FunctionExpander.parse("$$Func(GetPublicIP())");

        assertThat(command.expandAll(WEB, FLEET)).containsExactly("3.15.18.101", "5.25.153.31", "7.215.23.33");
        assertThatThrownBy(() -> command.expandAll(DB, FLEET)).hasMessageContaining("expanding for VM db.db-1");
    }

    @Test
    void aMalformedCommandIsRefusedAtParseTimeBeforeAnyVmIsNeeded() {
        assertThatThrownBy(() -> FunctionExpander.parse("ls; $$Func(GetPublicIP(target=web.g1-1, port=22))"))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("command"))
                .hasMessage("invalid command: at column 41: unknown parameter 'port' for GetPublicIP;"
                        + " it takes: postfix, prefix, target");
        assertThatThrownBy(() -> FunctionExpander.parse(null)).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void toStringShowsTheShapeButNotTheCommandWhichMayHoldASecret() {
        assertThat(FunctionExpander.parse("curl -H 'token: s3cr3t' $$Func(GetPublicIP())"))
                .hasToString("FunctionExpander[45 chars, 1 functions]");
    }

    @Test
    void naturalOrderComparesDigitRunsAsNumbers() {
        List<String> ids = new java.util.ArrayList<>(List.of("g1-10", "g2-1", "g1-2", "g1-1", "g10-1", "g01-3", "a",
                "g1-99999999999999999999", "g1-100000000000000000000"));

        ids.sort(CommandTarget.NATURAL_ORDER);

        assertThat(ids).containsExactly("a", "g1-1", "g1-2", "g01-3", "g1-10", "g1-99999999999999999999",
                "g1-100000000000000000000", "g2-1", "g10-1");
    }

    @Test
    void indexedSortsNaturallyAndNumbersFromZero() {
        assertThat(WEB).extracting(CommandTarget::vm).containsExactly("g1-1", "g1-2", "g1-10");
        assertThat(WEB).extracting(CommandTarget::index).containsExactly(0, 1, 2);
    }

    @Test
    void aTargetNeedsAnMciAVmAndANonNegativeIndex() {
        assertThatThrownBy(() -> new CommandTarget(" ", "v", 0, null, null, null)).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> new CommandTarget("m", null, 0, null, null, null)).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> new CommandTarget("m", "v", -1, null, null, null)).isInstanceOf(InvalidRequestException.class);
    }
}
