package io.multicloud.driver.alibaba.fake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.multicloud.testkit.fake.Pages;

import java.util.List;

/** Alibaba's two ways of paging, over the fake's pages of 2–3 items. */
final class Paging {
    private Paging() {
    }

    /** NextToken/MaxResults: puts NextToken into the body (empty on the last page) and returns the page. */
    static <T> List<T> byToken(AlibabaFake fake, Params p, List<T> all, ObjectNode body) {
        Pages.Page<T> page = new Pages(fake.pageSize).page(all, p.str("NextToken"), p.integer("MaxResults", 0),
                t -> AlibabaFake.error(400, "InvalidNextToken.Malformed", "The specified parameter NextToken is not valid."));
        body.put("NextToken", page.nextToken() == null ? "" : page.nextToken());
        return page.items();
    }

    /** PageNumber/PageSize: puts PageNumber, PageSize and TotalCount into the body and returns the page. */
    static <T> List<T> byNumber(AlibabaFake fake, Params p, List<T> all, ObjectNode body) {
        int number = Math.max(1, p.integer("PageNumber", 1));
        int size = Math.min(fake.pageSize, Math.max(1, p.integer("PageSize", 10)));
        int from = Math.min(all.size(), (number - 1) * size);
        List<T> items = all.subList(from, Math.min(all.size(), from + size));
        body.put("PageNumber", number);
        body.put("PageSize", size);
        body.put("TotalCount", all.size());
        return List.copyOf(items);
    }
}
