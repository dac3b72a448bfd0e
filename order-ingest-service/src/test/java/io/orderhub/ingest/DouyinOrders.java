package io.orderhub.ingest;

import java.nio.charset.StandardCharsets;

/** Douyin order documents derived from the published paid two-line example. */
final class DouyinOrders {
    static final String PAID = "/fixtures/douyin/paid-two-lines.json";

    /** The paid order under another id and amount, with a top-level field the mapping does not know. */
    static byte[] paidOrderWithExtraField(String orderId, long payAmountFen, String field, long valueFen) {
        String body = Fixtures.text(PAID);
        body = replaceOnce(body, "\"order_id\":\"6932481057722618741\"", "\"order_id\":\"" + orderId + "\"");
        body = replaceOnce(body, "\"pay_amount\":21380", "\"pay_amount\":" + payAmountFen);
        body = replaceOnce(body, "\"shop_order_detail\":{", "\"shop_order_detail\":{\"" + field + "\":" + valueFen + ",");
        return body.getBytes(StandardCharsets.UTF_8);
    }

    private static String replaceOnce(String body, String from, String to) {
        int at = body.indexOf(from);
        if (at < 0) {
            throw new IllegalStateException("fixture does not contain " + from);
        }
        return body.substring(0, at) + to + body.substring(at + from.length());
    }

    private DouyinOrders() {
    }
}
