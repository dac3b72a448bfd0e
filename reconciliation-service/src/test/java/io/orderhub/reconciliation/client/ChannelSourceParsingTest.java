package io.orderhub.reconciliation.client;

import io.orderhub.contract.Money;
import io.orderhub.contract.OrderState;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each marketplace's list page (fixtures under src/test/resources/fixtures, shaped like the platforms' answers) read
 * into the hub's vocabulary: standard states and conditions, amounts exact in CNY, times in UTC from Beijing time,
 * Unix seconds or milliseconds, "unset" as null, and the platform's error envelopes as retryable or not.
 */
class ChannelSourceParsingTest {

    @Test
    void taobaoTradesInBeijingTimeAndYuanStrings() throws IOException {
        MarketplaceSource.ListPage page = new TaobaoSource().parse("flagship", fixture("taobao-trades-page.json"));
        assertTrue(page.hasNext());
        List<ChannelSource.PlatformOrder> orders = page.orders();
        assertEquals(3, orders.size());

        ChannelSource.PlatformOrder paid = orders.get(0);
        assertEquals("taobao", paid.channel());
        assertEquals("4127000000000012340", paid.channelOrderId(), "tid_str: the 19-digit tid as text, never through a double");
        assertEquals(OrderState.PAID, paid.state());
        assertEquals("WAIT_SELLER_SEND_GOODS", paid.status());
        assertEquals(Set.of("AFTER_SALE"), paid.conditions(), "a line waits for the seller to agree to a refund");
        assertEquals(Instant.parse("2026-11-22T01:00:05Z"), paid.paidAt(), "09:00:05 in Beijing is 01:00:05 UTC");
        assertEquals(Money.of("492.80", "CNY"), paid.total());
        assertEquals(Map.of("SHIPPING", Money.of("0.00", "CNY"), "DISCOUNT", Money.of("26.00", "CNY")), paid.fees());
        assertNull(paid.trackingNumber());

        ChannelSource.PlatformOrder shipped = orders.get(1);
        assertEquals(OrderState.SHIPPED, shipped.state());
        assertEquals("SF1400012345678", shipped.trackingNumber());
        assertEquals("顺丰速运", shipped.carrier());
        assertEquals(Instant.parse("2026-11-22T02:15:00Z"), shipped.updatedAt());

        ChannelSource.PlatformOrder closed = orders.get(2);
        assertEquals(OrderState.CLOSED, closed.state());
        assertNull(closed.paidAt(), "closed unpaid: no pay_time");
    }

    @Test
    void jdOrdersWithCouponsByWhoPaysThemAndUnsetTimes() throws IOException {
        MarketplaceSource.ListPage page = new JdSource().parse("flagship", fixture("jd-orders-page.json"), 1, 3);
        assertFalse(page.hasNext(), "orderTotal 3 on page 1 of size 3");
        ChannelSource.PlatformOrder paid = page.orders().get(0);
        assertEquals("318000004521", paid.channelOrderId());
        assertEquals(OrderState.PAID, paid.state());
        assertEquals(Instant.parse("2026-11-21T16:05:42Z"), paid.paidAt(), "00:05:42 in Beijing is the day before in UTC");
        assertEquals(Money.of("1278.00", "CNY"), paid.total());
        assertEquals(Money.of("50.00", "CNY"), paid.fees().get("DISCOUNT"), "100-店铺优惠: the shop's own coupon");
        assertEquals(Money.of("20.00", "CNY"), paid.fees().get("PLATFORM_DISCOUNT"), "JD's coupon 15.00 + JD beans 5.00");
        assertNull(paid.trackingNumber(), "an empty waybill is no tracking number");

        ChannelSource.PlatformOrder locked = page.orders().get(1);
        assertEquals(OrderState.PAID, locked.state());
        assertEquals(Set.of("RISK_HOLD"), locked.conditions(), "LOCKED: JD's risk lock");

        ChannelSource.PlatformOrder shipped = page.orders().get(2);
        assertEquals(OrderState.SHIPPED, shipped.state());
        assertEquals("JDVA00012345678", shipped.trackingNumber());
        assertEquals(Money.of("6.00", "CNY"), shipped.fees().get("SHIPPING"));

        assertTrue(new JdSource().parse("flagship", fixture("jd-orders-page.json"), 1, 2).hasNext(), "3 orders, pages of 2");
    }

    @Test
    void pinduoduoYuanNumbersAreReadExactly() throws IOException {
        MarketplaceSource.ListPage page = new PddSource().parse("flagship", fixture("pdd-orders-page.json"));
        assertFalse(page.hasNext());
        ChannelSource.PlatformOrder paid = page.orders().get(0);
        assertEquals("261122-051237749000101", paid.channelOrderId());
        assertEquals(OrderState.PAID, paid.state());
        assertEquals("1/1/1", paid.status(), "order_status/confirm_status/refund_status");
        assertEquals(Money.of("84.90", "CNY"), paid.total(), "84.9 as sent, to the fen; not 84.900000000000005684 (a double)");
        assertEquals(Money.of("3.00", "CNY"), paid.fees().get("SHIPPING"));
        assertEquals(Money.of("15.90", "CNY"), paid.fees().get("DISCOUNT"));
        assertEquals(Money.of("2.00", "CNY"), paid.fees().get("PLATFORM_DISCOUNT"));
        assertEquals(Instant.parse("2026-11-22T04:00:08Z"), paid.paidAt());
        assertNull(paid.trackingNumber());
        assertNull(paid.carrier(), "logistics_id 0: none");

        ChannelSource.PlatformOrder risky = page.orders().get(1);
        assertEquals(OrderState.PAID, risky.state());
        assertEquals(Set.of("RISK_HOLD"), risky.conditions());
        assertEquals(Money.of("0.30", "CNY"), risky.total());

        ChannelSource.PlatformOrder refunded = page.orders().get(2);
        assertEquals(OrderState.CLOSED, refunded.state(), "refunded before shipping");
        assertEquals(Set.of("AFTER_SALE"), refunded.conditions());
    }

    @Test
    void douyinFenAndUnixSeconds() throws IOException {
        MarketplaceSource.ListPage page = new DouyinSource().parse("flagship", fixture("douyin-orders-page.json"));
        assertTrue(page.hasNext(), "total 5, page 0 of size 3");
        ChannelSource.PlatformOrder paid = page.orders().get(0);
        assertEquals("6932000000000012340", paid.channelOrderId());
        assertEquals(OrderState.PAID, paid.state());
        assertEquals("2/2", paid.status());
        assertEquals(Money.of("203.80", "CNY"), paid.total(), "20380 fen");
        assertEquals(Money.of("15.00", "CNY"), paid.fees().get("DISCOUNT"));
        assertEquals(Money.of("8.00", "CNY"), paid.fees().get("PLATFORM_DISCOUNT"));
        assertEquals(Money.of("2.00", "CNY"), paid.fees().get("TALENT_DISCOUNT"));
        assertEquals(Instant.parse("2026-11-22T06:00:05Z"), paid.paidAt());

        ChannelSource.PlatformOrder shipped = page.orders().get(1);
        assertEquals(OrderState.SHIPPED, shipped.state());
        assertEquals("YT7700012345678", shipped.trackingNumber());
        assertEquals("yuantong", shipped.carrier());

        ChannelSource.PlatformOrder unpaid = page.orders().get(2);
        assertEquals(OrderState.PENDING_PAYMENT, unpaid.state());
        assertNull(unpaid.paidAt(), "pay_time 0: not paid");
    }

    @Test
    void xiaohongshuSummariesThenDetailsInFenAndMilliseconds() throws IOException {
        XhsSource.Summaries list = XhsSource.summaries(fixture("xhs-order-list.json"));
        assertEquals(List.of("P781234567000000101", "P781234567000000102"), list.orderIds());
        assertFalse(list.hasNext(), "pageNo 1 of maxPageNo 1");

        ChannelSource.PlatformOrder paid = new XhsSource().toOrder("flagship",
                XhsSource.data(XhsSource.DETAIL, fixture("xhs-order-detail.json")));
        assertEquals("P781234567000000101", paid.channelOrderId());
        assertEquals(OrderState.PAID, paid.state());
        assertEquals(Money.of("240.00", "CNY"), paid.total());
        assertEquals(Money.of("18.00", "CNY"), paid.fees().get("DISCOUNT"));
        assertEquals(Money.of("5.00", "CNY"), paid.fees().get("PLATFORM_DISCOUNT"));
        assertEquals(Instant.parse("2026-11-22T06:00:05.123Z"), paid.paidAt(), "milliseconds kept");
        assertNull(paid.trackingNumber());
    }

    @Test
    void platformErrorsAreRetryableOnlyWhenThePlatformSaysSo() {
        assertThrows(SourceFailedException.class, () -> new TaobaoSource().parse("s",
                "{\"error_response\":{\"code\":15,\"msg\":\"Remote service error\",\"sub_code\":\"isp.remote-service-unavailable\"}}"));
        assertThrows(SourceRefusedException.class, () -> new TaobaoSource().parse("s",
                "{\"error_response\":{\"code\":27,\"msg\":\"Invalid session\",\"sub_code\":\"invalid-sessionkey\"}}"));
        assertThrows(SourceFailedException.class, () -> new JdSource().parse("s",
                "{\"error_response\":{\"code\":\"66\",\"en_desc\":\"Backend service unavailable\"}}", 1, 100));
        assertThrows(SourceRefusedException.class, () -> new JdSource().parse("s",
                "{\"error_response\":{\"code\":\"14\",\"en_desc\":\"Invalid signature\"}}", 1, 100));
        assertThrows(SourceFailedException.class, () -> new PddSource().parse("s",
                "{\"error_response\":{\"error_code\":70031,\"error_msg\":\"服务繁忙\"}}"));
        assertThrows(SourceRefusedException.class, () -> new DouyinSource().parse("s",
                "{\"code\":30005,\"msg\":\"签名校验失败\",\"sub_code\":\"isv.sign-invalid\",\"sub_msg\":\"\",\"data\":{}}"));
        assertThrows(SourceFailedException.class, () -> XhsSource.summaries("{\"success\":false,\"error_code\":-100,\"error_msg\":\"系统繁忙\"}"));
        assertThrows(SourceFailedException.class, () -> new PddSource().parse("s", "<html>502 Bad Gateway</html>"));
    }

    @Test
    void theSignaturesAreThoseTheSimulatorChecks() {
        Map<String, String> p = new java.util.TreeMap<>(Map.of("app_key", "k", "method", "m", "timestamp", "2026-11-22 10:00:00"));
        assertEquals(io.orderhub.devstack.sim.marketplace.Signing.md5Wrapped("s3", p, new byte[0]), PlatformSigning.md5Wrapped("s3", p));
        assertEquals(io.orderhub.devstack.sim.marketplace.Signing.douyinApi("s3", "k", "order.searchList", "{\"page\":0}", "1700000000", "2",
                "hmac-sha256"), PlatformSigning.douyin("s3", "k", "order.searchList", "{\"page\":0}", "1700000000", "2"));
        assertEquals(io.orderhub.devstack.sim.marketplace.Signing.xhsApi("s3", "order.getOrderList", "k", "1700000000", "2.0"),
                PlatformSigning.xhs("s3", "order.getOrderList", "k", "1700000000", "2.0"));
    }

    private String fixture(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/fixtures/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
