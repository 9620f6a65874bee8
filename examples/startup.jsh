import io.multicloud.api.*;
import io.multicloud.core.*;
import io.multicloud.core.mci.*;
import io.multicloud.core.remote.*;
import io.multicloud.driver.mock.MockControl;
import io.multicloud.driver.mock.ssh.MockSshServers;
import java.time.*;
System.out.println("multicloud is loaded. Try:  var mock = MultiCloud.create().connect(\"mock\", \"mars\")   then  mock.regions().list()");
System.out.println("Mock VMs with real SSH:  var ssh = MockSshServers.start();  mock.unwrap(MockControl.class).serveSsh(ssh)   (before creating them)");
