package io.multicloud.driver.alibaba;

import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.Zone;

import java.util.Comparator;
import java.util.List;

/** The zones of the connected region (DescribeZones), and the zone a request without one goes to. */
final class AlibabaZones {
    private final AlibabaContext ctx;
    private volatile List<Zone> cached;

    AlibabaZones(AlibabaContext ctx) {
        this.ctx = ctx;
    }

    List<Zone> list() {
        List<Zone> zones = cached;
        if (zones == null) {
            var body = ctx.call(ResourceKind.ZONE, null, () -> ctx.clients().ecs().describeZones(
                    new com.aliyun.ecs20140526.models.DescribeZonesRequest().setRegionId(ctx.region())).getBody());
            zones = body.getZones() == null || body.getZones().getZone() == null ? List.of()
                    : body.getZones().getZone().stream().map(z -> new Zone(z.getZoneId(), ctx.region(), true))
                    .sorted(Comparator.comparing(Zone::name)).toList();
            cached = zones;
        }
        return zones;
    }

    /** The request's zone, else the connection's, else the region's first. */
    String pick(String requested) {
        if (requested != null) {
            return requested;
        }
        if (ctx.defaultZone() != null) {
            return ctx.defaultZone();
        }
        return list().stream().map(Zone::name).findFirst().orElseThrow(() -> new InvalidRequestException(
                ctx.error(ResourceKind.ZONE, null), "zone", "region " + ctx.region() + " lists no zone"));
    }
}
