var mock = MultiCloud.create().connect("mock", "mars")
var vpc = mock.vpcs().create(VpcRequest.named("vpc-1").cidr("10.0.0.0/16").subnet("sn-1", "10.0.1.0/24"))
mock.vpcs().list()
if (mock.vpcs().list().equals(List.of(vpc)) && vpc.subnet("sn-1").isPresent()) System.out.println("JSHELL-SMOKE-OK");
mock.close()
/exit
