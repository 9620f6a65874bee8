import io.multicloud.api.*;
import io.multicloud.core.*;
import io.multicloud.core.mci.*;
import io.multicloud.core.remote.*;
import java.time.*;
System.out.println("multicloud is loaded. Try:  var mock = MultiCloud.create().connect(\"mock\", \"mars\")   then  mock.regions().list()");
