package io.orderhub.reconciliation.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderhub.contract.Money;
import io.orderhub.contract.OrderState;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The platform's and the sources' wire formats read into the hub's vocabulary (fixtures under src/test/resources). */
class SourceParsingTest {

    @Test
    void aShopifyOrdersPageMapsToStandardStatesFeesAndTracking() throws IOException {
        ShopifySource source = new ShopifySource();
        source.mapper = new ObjectMapper();
        String body;
        try (InputStream in = getClass().getResourceAsStream("/fixtures/shopify-orders-page.json")) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<ChannelSource.PlatformOrder> orders = source.parse("demo", body);
        assertEquals(3, orders.size());

        ChannelSource.PlatformOrder paid = orders.get(0);
        assertEquals("5800000000101", paid.channelOrderId());
        assertEquals(OrderState.PAID, paid.state());
        assertEquals("paid", paid.status());
        assertEquals(Instant.parse("2026-11-22T08:00:20Z"), paid.paidAt());
        assertEquals(Money.of("89.00", "USD"), paid.total());
        assertEquals(Money.of("5.00", "USD"), paid.fees().get("SHIPPING"));
        assertEquals(Money.of("6.00", "USD"), paid.fees().get("DISCOUNT"));
        assertNull(paid.trackingNumber());
        assertEquals(Instant.parse("2026-11-22T08:05:00Z"), paid.updatedAt());

        ChannelSource.PlatformOrder delivered = orders.get(1);
        assertEquals(OrderState.DELIVERED, delivered.state());
        assertEquals("1Z999AA10123456784", delivered.trackingNumber());
        assertEquals("UPS", delivered.carrier());
        assertEquals(Money.of("1.50", "USD"), delivered.fees().get("TAX"));

        ChannelSource.PlatformOrder refunded = orders.get(2);
        assertEquals(OrderState.CLOSED, refunded.state());
        assertEquals(Set.of("AFTER_SALE"), refunded.conditions());
        assertEquals(Instant.parse("2026-11-22T07:00:00Z"), refunded.paidAt(), "it was paid before the refund");
        assertNull(refunded.fees().get("SHIPPING"), "no shipping price set: no fee, not a zero");
    }

    @Test
    void shopifyGarbageIsATransientSourceFailure() {
        ShopifySource source = new ShopifySource();
        source.mapper = new ObjectMapper();
        assertThrows(SourceFailedException.class, () -> source.parse("demo", "<html>502 Bad Gateway</html>"));
    }

    @Test
    void theNextPageComesFromTheLinkHeader() {
        assertEquals("eyJhIjoxfQ", ShopifyClient.nextPageInfo(
                "<https://demo.myshopify.com/admin/api/2026-10/orders.json?limit=250&page_info=eyJhIjoxfQ>; rel=\"next\""));
        assertEquals("abc", ShopifyClient.nextPageInfo("<https://x/orders.json?page_info=zzz>; rel=\"previous\", "
                + "<https://x/orders.json?page_info=abc&limit=50>; rel=\"next\""));
        assertNull(ShopifyClient.nextPageInfo("<https://x/orders.json?page_info=zzz>; rel=\"previous\""));
        assertNull(ShopifyClient.nextPageInfo(null));
    }

    @Test
    void beijingTimesAreUtcPlusEight() {
        assertEquals(Instant.parse("2026-11-22T10:02:11Z"), BeijingTime.parse("2026-11-22 18:02:11"));
        assertEquals(Instant.parse("2026-12-31T16:00:00Z"), BeijingTime.parse("2027-01-01 00:00:00"));
        assertEquals("2026-11-22 18:02:11", BeijingTime.format(Instant.parse("2026-11-22T10:02:11Z")));
        assertThrows(DateTimeParseException.class, () -> BeijingTime.parse("2026-02-30 10:00:00"));
        assertThrows(DateTimeParseException.class, () -> BeijingTime.parse("22/11/2026 10:00"));
    }

    @Test
    void theErpSignatureIsUpperHexMd5OfSecretSortedPairsSecret() {
        // secret + "a1" + "b2" (sign itself and empty values left out) + secret
        String sign = ErpClient.sign(new java.util.TreeMap<>(java.util.Map.of("b", "2", "a", "1", "sign", "x", "empty", "")), "s3");
        assertEquals(md5Upper("s3a1b2s3"), sign);
        assertTrue(sign.matches("[0-9A-F]{32}"));
    }

    @Test
    void theCarrierDigestIsBase64OfMd5OfTheUrlEncodedMessage() throws Exception {
        String digest = CarrierClient.digest("{\"a\":1}", "1700000000000", "cw");
        byte[] md5 = java.security.MessageDigest.getInstance("MD5").digest(
                java.net.URLEncoder.encode("{\"a\":1}1700000000000cw", StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8));
        assertEquals(java.util.Base64.getEncoder().encodeToString(md5), digest);
        // the carrier simulator checks it the same way
        assertEquals(io.orderhub.devstack.sim.carrier.CarrierSimulator.digest("{\"a\":1}", "1700000000000", "cw"), digest);
    }

    private static String md5Upper(String s) {
        try {
            return java.util.HexFormat.of().withUpperCase().formatHex(java.security.MessageDigest.getInstance("MD5")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
