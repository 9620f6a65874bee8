import io.multicloud.api.*;
import io.multicloud.core.*;
import java.time.*;
System.out.println("multicloud is loaded. Try:  var mock = MultiCloud.create().connect(\"mock\", \"mars\")   then  mock.regions().list()");
