package io.orderhub.ingest;

import io.orderhub.contract.FundingStatus;
import io.orderhub.contract.Money;
import io.orderhub.contract.OrderState;
import io.orderhub.contract.payload.OrderLine;
import io.orderhub.ingest.domain.mapping.ChannelMapping;
import io.orderhub.ingest.domain.mapping.JsonPaths;
import io.orderhub.ingest.domain.mapping.MappingException;
import io.orderhub.ingest.domain.mapping.OrderSnapshot;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bundled Shopify mapping on the four published example orders. */
class ShopifyMappingTest {
    private final ChannelMapping shopify = Fixtures.bundledMapping("shopify");

    private OrderSnapshot map(String fixture) {
        return shopify.map("demo", Fixtures.json("/fixtures/shopify/" + fixture));
    }

    @Test
    void paidOrderIsPaidWithItsLinesTotalFeesAddressAndUtcTimes() {
        OrderSnapshot o = map("orders-create-paid.json");
        assertEquals("5791234567890", o.channelOrderId());
        assertEquals("paid", o.channelStatus());
        assertEquals(OrderState.PAID, o.status());
        assertEquals(Set.of(), o.conditions());
        assertEquals(FundingStatus.FULLY_PAID, o.funding());
        assertMoney("95.72", "USD", o.total());
        assertEquals(2, o.lines().size());
        OrderLine set = o.lines().get(0);
        assertEquals("13990011223301", set.lineId());
        assertEquals("SS-POUR-SET-WHT", set.sku());
        assertEquals("Ceramic Pour-Over Set - White", set.title());
        assertEquals(1, set.quantity());
        assertMoney("45.00", "USD", set.unitPrice());
        OrderLine filters = o.lines().get(1);
        assertEquals("SS-FILTER-100", filters.sku());
        assertEquals(2, filters.quantity());
        assertMoney("22.50", "USD", filters.unitPrice());
        assertMoney("5.00", "USD", o.fees().get("SHIPPING"));
        assertMoney("6.72", "USD", o.fees().get("TAX"));
        assertMoney("6.00", "USD", o.fees().get("DISCOUNT"));
        // 2026-11-19T10:23:45-05:00 is 15:23:45 UTC
        assertEquals(Instant.parse("2026-11-19T15:23:45Z"), o.createdAt());
        assertEquals(Instant.parse("2026-11-19T15:23:45Z"), o.paidAt());
        assertEquals(Instant.parse("2026-11-19T15:23:47Z"), o.channelUpdatedAt());
        assertEquals("Emily Carter", o.shippingAddress().name());
        assertEquals("+15035550142", o.shippingAddress().phone());
        assertEquals("US", o.shippingAddress().country());
        assertEquals("OR", o.shippingAddress().province());
        assertEquals("Portland", o.shippingAddress().city());
        assertEquals("1187 Alder Street, Apt 4B", o.shippingAddress().detail());
        assertEquals("97205", o.shippingAddress().postalCode());
        assertTrue(o.shippingAddress().complete());
    }

    @Test
    void partiallyFulfilledOrderIsPaidAndPartiallyShipped() {
        OrderSnapshot o = map("orders-updated-partially-fulfilled.json");
        assertEquals(OrderState.PAID, o.status());
        assertEquals(Set.of("PARTIALLY_SHIPPED"), o.conditions());
        assertEquals("paid/partial", o.channelStatus());
        assertEquals(Instant.parse("2026-11-18T14:12:31Z"), o.channelUpdatedAt(), "-08:00 offset converted to UTC");
    }

    @Test
    void partiallyPaidPreOrderIsPendingPaymentWithItsDepositFrozen() {
        OrderSnapshot o = map("orders-create-partially-paid-deposit.json");
        assertEquals(OrderState.PENDING_PAYMENT, o.status());
        assertEquals(FundingStatus.DEPOSIT_FROZEN, o.funding());
        assertMoney("168.00", "USD", o.total());
    }

    @Test
    void cancelledRefundedOrderIsClosed() {
        OrderSnapshot o = map("orders-cancelled-refunded.json");
        assertEquals(OrderState.CLOSED, o.status());
        assertEquals(FundingStatus.NONE, o.funding());
        assertNull(o.paidAt());
        assertTrue(o.conditions().contains("AFTER_SALE"));
    }

    @Test
    void fulfilledOrderIsShipped() {
        OrderSnapshot o = shopify.map("demo", JsonPaths.parse(replace(ShopifyOrders.paidOrder(),
                "\"fulfillment_status\":null,\"total_line_items_price\"", "\"fulfillment_status\":\"fulfilled\",\"total_line_items_price\"")));
        assertEquals(OrderState.SHIPPED, o.status());
        assertEquals(FundingStatus.FULLY_PAID, o.funding());
    }

    @Test
    void anUnknownFinancialStatusSaysWhichRuleToAdd() {
        MappingException e = assertThrows(MappingException.class, () -> shopify.map("demo",
                JsonPaths.parse(ShopifyOrders.orderWithFinancialStatus(1L, "pending_review"))));
        assertTrue(e.getMessage().contains("financial_status=pending_review"), e.getMessage());
        assertTrue(e.getMessage().contains("PUT /mappings/shopify"), e.getMessage());
    }

    @Test
    void aMissingUpdatedAtCannotBeOrderedAndIsRefused() {
        byte[] body = replace(ShopifyOrders.paidOrder(), "\"updated_at\":\"2026-11-19T10:23:47-05:00\"", "\"updated_at\":null");
        MappingException e = assertThrows(MappingException.class, () -> shopify.map("demo", JsonPaths.parse(body)));
        assertTrue(e.getMessage().contains("updated_at"), e.getMessage());
    }

    @Test
    void aBadAmountNamesTheField() {
        byte[] body = replace(ShopifyOrders.paidOrder(), "\"total_price\":\"95.72\"", "\"total_price\":\"ninety\"");
        MappingException e = assertThrows(MappingException.class, () -> shopify.map("demo", JsonPaths.parse(body)));
        assertTrue(e.getMessage().contains("total_price") && e.getMessage().contains("ninety"), e.getMessage());
    }

    @Test
    void aLineWithoutSkuKeepsItsVariant() {
        byte[] body = replace(ShopifyOrders.paidOrder(), "\"sku\":\"SS-FILTER-100\"", "\"sku\":\"\"");
        OrderSnapshot o = shopify.map("demo", JsonPaths.parse(body));
        assertEquals("SHOPIFY-VARIANT-44012345678902", o.lines().get(1).sku());
    }

    @Test
    void truncatedJsonIsAMappingError() {
        assertThrows(MappingException.class, () -> JsonPaths.parse(ShopifyOrders.truncatedOrder(1L)));
    }

    private static void assertMoney(String amount, String currency, Money money) {
        assertEquals(0, new BigDecimal(amount).compareTo(money.amount()), amount + " vs " + money.amount());
        assertEquals(currency, money.currency());
    }

    private static byte[] replace(byte[] body, String from, String to) {
        String s = new String(body, StandardCharsets.UTF_8);
        if (!s.contains(from)) {
            throw new IllegalStateException("fixture does not contain " + from);
        }
        return s.replace(from, to).getBytes(StandardCharsets.UTF_8);
    }
}
