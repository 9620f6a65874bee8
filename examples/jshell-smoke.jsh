var mock = MultiCloud.create().connect("mock", "mars")
var vpc = mock.vpcs().create(VpcRequest.named("vpc-1").cidr("10.0.0.0/16").subnet("sn-1", "10.0.1.0/24"))
mock.vpcs().list()
if (mock.vpcs().list().equals(List.of(vpc)) && vpc.subnet("sn-1").isPresent()) System.out.println("JSHELL-SMOKE-OK");
mock.close()
boolean onClassPath(String type) { try { Class.forName(type); return true; } catch (ClassNotFoundException e) { return false; } }
var ssh = MockSshServers.start()
var mc = MultiCloud.create()
var mars = mc.connect("mock", "mars")
mars.unwrap(MockControl.class).serveSsh(ssh)
var web = mc.mci("jshell-smoke").subGroup("g", mars, "m1.small", "ubuntu-22.04", 2).create()
var report = web.exec("hostname")
report.results().forEach(r -> System.out.println(r.vm() + ": " + r.stdout().strip()))
if (report.ok() && report.of("jshell-smoke-g-2").stdout().strip().equals("jshell-smoke-g-2") && !onClassPath("org.junit.jupiter.api.Test") && !onClassPath("org.assertj.core.api.Assertions") && !onClassPath("io.multicloud.testkit.MockCloudTest")) System.out.println("JSHELL-SSH-OK");
web.delete()
mc.close()
ssh.close()
/exit
