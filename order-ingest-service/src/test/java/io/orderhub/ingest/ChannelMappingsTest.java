package io.orderhub.ingest;

import io.orderhub.contract.FundingStatus;
import io.orderhub.contract.OrderState;
import io.orderhub.ingest.domain.Channels;
import io.orderhub.ingest.domain.mapping.ChannelMapping;
import io.orderhub.ingest.domain.mapping.MappingException;
import io.orderhub.ingest.domain.mapping.OrderSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every bundled mapping on every published example document, against the hub state its README expects. */
class ChannelMappingsTest {

    @ParameterizedTest(name = "{0}/{1} → {2} {4} {3}")
    @CsvSource(delimiter = '|', textBlock = """
            shopify | orders-create-paid.json                    | PAID            |                   | FULLY_PAID     | 95.72  | USD | 2 | SS-POUR-SET-WHT
            shopify | orders-updated-partially-fulfilled.json    | PAID            | PARTIALLY_SHIPPED | FULLY_PAID     | 137.90 | USD | 2 | SS-MUG-350-SND
            shopify | orders-create-partially-paid-deposit.json  | PENDING_PAYMENT |                   | DEPOSIT_FROZEN | 168.00 | USD | 1 | SS-KILN-TEAPOT-PRE
            shopify | orders-cancelled-refunded.json             | CLOSED          | AFTER_SALE        | NONE           | 45.28  | USD | 1 | SS-VASE-BUD-BLU
            taobao  | paid-two-lines.json                        | PAID            |                   | FULLY_PAID     | 492.80 | CNY | 2 | BED-YD-180-BLU
            taobao  | partially-shipped.json                     | PAID            | PARTIALLY_SHIPPED | FULLY_PAID     | 1107.00| CNY | 2 | PIL-MF-LOW-WHT
            taobao  | presale-deposit.json                       | PENDING_PAYMENT |                   | DEPOSIT_FROZEN | 1599.00| CNY | 1 | MAT-LX-1820-20
            taobao  | closed-refunded.json                       | CLOSED          |                   | NONE           | 268.00 | CNY | 1 | MAT-BM-150-3P
            jd      | paid-two-lines.json                        | PAID            |                   | FULLY_PAID     | 1278.00| CNY | 2 | KTL-AIR-12L-WHT
            jd      | shipped.json                               | SHIPPED         |                   | FULLY_PAID     | 159.00 | CNY | 1 |
            jd      | cancelled.json                             | CLOSED          |                   | NONE           | 158.00 | CNY | 2 |
            jd      | locked.json                                | PAID            | RISK_HOLD         | FULLY_PAID     | 1099.00| CNY | 1 |
            pdd     | paid-two-lines.json                        | PAID            |                   | FULLY_PAID     | 86.9   | CNY | 2 | SNK-NUT-500-ORG
            pdd     | shipped.json                               | SHIPPED         |                   | FULLY_PAID     | 160.0  | CNY | 1 |
            pdd     | presale-deposit.json                       | PENDING_PAYMENT |                   | DEPOSIT_FROZEN | 669.0  | CNY | 1 |
            pdd     | closed-refunded.json                       | CLOSED          | AFTER_SALE        | NONE           | 79.0   | CNY | 1 |
            douyin  | paid-two-lines.json                        | PAID            |                   | FULLY_PAID     | 213.80 | CNY | 2 | YGX-JERKY-200
            douyin  | partially-shipped.json                     | PAID            | PARTIALLY_SHIPPED | FULLY_PAID     | 246.00 | CNY | 2 | YGX-TEA-BOX
            douyin  | presale-deposit.json                       | PENDING_PAYMENT |                   | DEPOSIT_FROZEN | 100.00 | CNY | 1 | YGX-CRAB-8P
            douyin  | cancelled-refunded.json                    | CLOSED          |                   | NONE           | 80.00  | CNY | 1 | YGX-MUSH-300
            xhs     | paid-two-lines.json                        | PAID            |                   | FULLY_PAID     | 240.00 | CNY | 2 | MASK-HY-30
            xhs     | shipped.json                               | SHIPPED         |                   | FULLY_PAID     | 119.00 | CNY | 1 |
            xhs     | presale-deposit.json                       | PAID            |                   | FULLY_PAID     | 649.00 | CNY | 1 |
            xhs     | closed-refunded.json                       | CLOSED          |                   | NONE           | 89.00  | CNY | 1 |
            app     | paid-two-lines.json                        | PAID            |                   | FULLY_PAID     | 386.00 | CNY | 2 | TEA-LJ-250
            app     | partially-shipped.json                     | PAID            | PARTIALLY_SHIPPED | FULLY_PAID     | 396.00 | CNY | 2 | TEA-LJ-250
            app     | deposit-presale.json                       | PENDING_PAYMENT |                   | DEPOSIT_FROZEN | 599.00 | CNY | 1 | TEA-DHP-500-PRE
            app     | risk-hold.json                             | PAID            | RISK_HOLD         | FULLY_PAID     | 5960.00| CNY | 1 | TEA-LJ-250
            app     | refunded.json                              | CLOSED          |                   | NONE           | 108.00 | CNY | 1 | CUP-GL-2
            app     | delivered-after-sale.json                  | DELIVERED       | AFTER_SALE        | FULLY_PAID     | 298.00 | CNY | 1 | TEA-LJ-250
            """)
    void examplesMapToTheHubStateTheirReadmeGives(String channel, String file, OrderState state, String conditions,
            FundingStatus funding, String total, String currency, int lines, String firstSku) {
        ChannelMapping mapping = Fixtures.bundledMapping(channel);
        OrderSnapshot o = mapping.map("demo", mapping.document(Fixtures.bytes("/fixtures/" + channel + "/" + file)));
        assertEquals(state, o.status());
        Set<String> expected = conditions == null ? Set.of() : new TreeSet<>(Arrays.asList(conditions.split(",")));
        assertEquals(expected, o.conditions());
        assertEquals(funding, o.funding());
        assertEquals(0, new BigDecimal(total).compareTo(o.total().amount()), o.total().toString());
        assertEquals(currency, o.total().currency());
        assertEquals(lines, o.lines().size());
        if (firstSku != null) {
            assertEquals(firstSku, o.lines().get(0).sku());
        }
        assertNotNull(o.channelOrderId());
        assertNotNull(o.channelUpdatedAt());
        assertTrue(o.channelUpdatedAt().isAfter(Instant.parse("2026-01-01T00:00:00Z")), o.channelUpdatedAt().toString());
        o.lines().forEach(l -> {
            assertTrue(l.quantity() > 0, l.toString());
            assertTrue(l.unitPrice().amount().signum() >= 0, l.toString());
        });
    }

    @Test
    void taobaoLocalTimesAreBeijingTimeAndIdsBeyond2pow53StayExact() {
        OrderSnapshot o = map(Channels.TAOBAO, "paid-two-lines.json");
        assertEquals("4127703381920065871", o.channelOrderId());
        assertEquals("4127703381920065872", o.lines().get(0).lineId());
        // "2026-11-18 20:14:32" in UTC+8
        assertEquals(Instant.parse("2026-11-18T12:14:32Z"), o.channelUpdatedAt());
        assertEquals(2, o.lines().get(1).quantity());
        assertEquals(0, new BigDecimal("59.90").compareTo(o.lines().get(1).unitPrice().amount()));
        assertEquals("西湖区", o.shippingAddress().district());
        assertEquals("文新街道 文一西路588号西溪首座B3幢1102室", o.shippingAddress().detail());
        assertEquals(0, new BigDecimal("26.00").compareTo(o.fees().get("DISCOUNT").amount()));
    }

    @Test
    void douyinFenAndUnixSecondsAreConverted() {
        OrderSnapshot o = map(Channels.DOUYIN, "paid-two-lines.json");
        assertEquals(0, new BigDecimal("49.90").compareTo(o.lines().get(1).unitPrice().amount()));
        assertEquals(Instant.ofEpochSecond(1795013762L), o.channelUpdatedAt());
        assertEquals("武侯区", o.shippingAddress().district());
        assertEquals(0, new BigDecimal("15.00").compareTo(o.fees().get("DISCOUNT").amount()));
    }

    @Test
    void jdCouponNamesBecomeFeeTypesAndQuantitiesAreStrings() {
        OrderSnapshot o = map(Channels.JD, "paid-two-lines.json");
        assertEquals(10, o.lines().get(1).quantity());
        assertEquals(0, new BigDecimal("50.00").compareTo(o.fees().get("DISCOUNT").amount()));
        assertEquals(0, new BigDecimal("20.00").compareTo(o.fees().get("PLATFORM_DISCOUNT").amount()));
        assertEquals(Instant.parse("2026-11-19T01:42:41Z"), o.channelUpdatedAt());
    }

    @Test
    void jdAndPddDocumentsArriveInAFormField() {
        ChannelMapping jd = Fixtures.bundledMapping(Channels.JD);
        String doc = Fixtures.text("/fixtures/jd/paid-two-lines.json");
        byte[] form = ("app_key=demo-app&360buy_param_json=" + URLEncoder.encode(doc, StandardCharsets.UTF_8) + "&v=2.0")
                .getBytes(StandardCharsets.UTF_8);
        assertEquals("318829475512", jd.map("demo", jd.document(form)).channelOrderId());
        MappingException e = assertThrows(MappingException.class, () -> jd.document("app_key=demo-app".getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("360buy_param_json"), e.getMessage());
    }

    @Test
    void pddYuanNumbersStayExactDecimals() {
        OrderSnapshot o = map(Channels.PDD, "paid-two-lines.json");
        assertEquals(new BigDecimal("19.95"), o.lines().get(1).unitPrice().amount());
        assertEquals(new BigDecimal("86.9"), o.total().amount());
    }

    @Test
    void xhsUnitPriceFromPricePerSkuIsNotDividedByTheQuantity() {
        // unitPrice: ["skuDetailList.0.pricePerSku", {"path": "totalPaidAmount", "perQuantity": true}] — only the
        // line-total alternative is divided (a line of 2 × 45.00 once came out as 22.50)
        OrderSnapshot o = map(Channels.XHS, "paid-two-lines.json");
        assertEquals(2, o.lines().get(1).quantity());
        assertEquals(0, new BigDecimal("45.00").compareTo(o.lines().get(1).unitPrice().amount()), o.lines().get(1).toString());
    }

    @Test
    void appYuanStringsOffsetTimesAndNamedFeesAreRead() {
        OrderSnapshot o = map(Channels.APP, "paid-two-lines.json");
        assertEquals("MP2026112200123", o.channelOrderId());
        assertEquals(Instant.parse("2026-11-22T02:16:02Z"), o.channelUpdatedAt()); // 10:16:02+08:00
        assertEquals(Instant.parse("2026-11-22T02:15:42Z"), o.paidAt());
        assertEquals(new BigDecimal("49.00"), o.lines().get(1).unitPrice().amount());
        assertEquals(2, o.lines().get(1).quantity());
        assertEquals(0, new BigDecimal("7.72").compareTo(o.fees().get("CHANNEL_FEE").amount()), "platform_commission → CHANNEL_FEE");
        assertEquals(0, new BigDecimal("10.00").compareTo(o.fees().get("SHIPPING").amount()));
        assertEquals(0, new BigDecimal("20.00").compareTo(o.fees().get("DISCOUNT").amount()));
        assertEquals("西湖区", o.shippingAddress().district());
        assertEquals("310012", o.shippingAddress().postalCode());
    }

    @ParameterizedTest(name = "app status {0} → {1} {2}")
    @CsvSource(delimiter = '|', textBlock = """
            pending_payment   | PENDING_PAYMENT | NONE           |
            deposit_paid      | PENDING_PAYMENT | DEPOSIT_FROZEN |
            paid              | PAID            | FULLY_PAID     |
            partially_shipped | PAID            | FULLY_PAID     | PARTIALLY_SHIPPED
            shipped           | SHIPPED         | FULLY_PAID     |
            delivered         | DELIVERED       | FULLY_PAID     |
            cancelled         | CLOSED          | NONE           |
            refunded          | CLOSED          | NONE           |
            """)
    void theAppStatusTableIsTheHubsOwnWords(String status, OrderState state, FundingStatus funding, String condition) {
        ChannelMapping mapping = Fixtures.bundledMapping(Channels.APP);
        String doc = Fixtures.text("/fixtures/app/paid-two-lines.json").replace("\"status\":\"paid\"", "\"status\":\"" + status + "\"");
        OrderSnapshot o = mapping.map("demo", mapping.document(doc.getBytes(StandardCharsets.UTF_8)));
        assertEquals(status, o.channelStatus());
        assertEquals(state, o.status());
        assertEquals(funding, o.funding());
        assertEquals(condition == null ? Set.of() : Set.of(condition), o.conditions());
    }

    @Test
    void anAppStatusTheTableDoesNotKnowIsUnmappedNamingIt() {
        ChannelMapping mapping = Fixtures.bundledMapping(Channels.APP);
        String doc = Fixtures.text("/fixtures/app/paid-two-lines.json").replace("\"status\":\"paid\"", "\"status\":\"awaiting_pickup\"");
        MappingException e = assertThrows(MappingException.class, () -> mapping.map("demo", mapping.document(doc.getBytes(StandardCharsets.UTF_8))));
        assertEquals(MappingException.Kind.UNMAPPED, e.kind());
        assertTrue(e.getMessage().contains("awaiting_pickup"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}/{1} is a notification, not an order")
    @CsvSource({"taobao,tmc-trade-buyer-pay.json", "pdd,pmc-trade-confirmed.json", "douyin,push-trade-paid.json"})
    void thinChangeNotificationsAreRefusedWithAReason(String channel, String file) {
        ChannelMapping mapping = Fixtures.bundledMapping(channel);
        MappingException e = assertThrows(MappingException.class,
                () -> mapping.map("demo", mapping.document(Fixtures.bytes("/fixtures/" + channel + "/" + file))));
        assertTrue(e.getMessage().contains("not a " + channel + " order document"), e.getMessage());
    }

    private static OrderSnapshot map(String channel, String file) {
        ChannelMapping mapping = Fixtures.bundledMapping(channel);
        return mapping.map("demo", mapping.document(Fixtures.bytes("/fixtures/" + channel + "/" + file)));
    }
}
