package io.orderhub.ingest;

import io.orderhub.ingest.domain.mapping.ChannelMapping;
import io.orderhub.ingest.domain.mapping.UnknownFields;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UnknownFieldsTest {
    private final ChannelMapping douyin = Fixtures.bundledMapping("douyin");

    @Test
    void fieldsTheMappingReadsAreNotUnknownButTheOthersAreWithTheirShareOfTheTotal() {
        byte[] body = DouyinOrders.paidOrderWithExtraField("1", 20000, "talent_commission", 300);
        List<UnknownFields.Observation> seen = UnknownFields.observe(douyin, douyin.document(body), new BigDecimal("200.00"));
        List<String> paths = seen.stream().map(UnknownFields.Observation::path).toList();
        assertFalse(paths.contains("order_id"));
        assertFalse(paths.contains("pay_amount"));
        assertFalse(paths.contains("sku_order_list[*].code"), "line fields the mapping reads");
        assertFalse(paths.contains("post_addr.province.name"));
        assertTrue(paths.contains("shop_name"));
        assertTrue(paths.contains("sku_order_list[*].product_pic"));
        UnknownFields.Observation commission = seen.stream().filter(o -> o.path().equals("talent_commission")).findFirst().orElseThrow();
        assertEquals(0, new BigDecimal("3.00").compareTo(commission.amount()), "fen converted like every amount");
        assertEquals(0, new BigDecimal("0.015").compareTo(commission.share()));
        assertTrue(UnknownFields.smallShare(commission.share()));
    }

    @Test
    void aFeeIsSuggestedOnlyForANumberUnderFivePercentThatMovesWithTheTotal() {
        BigDecimal one = new BigDecimal("3.00");
        BigDecimal two = new BigDecimal("4.50");
        BigDecimal s1 = new BigDecimal("0.015");
        BigDecimal s2 = new BigDecimal("0.016");
        assertEquals("CHANNEL_FEE", UnknownFields.suggest(3, 3, 3, one, two, s1, s2, 3));
        assertNull(UnknownFields.suggest(2, 2, 2, one, two, s1, s2, 3), "too few orders yet");
        assertNull(UnknownFields.suggest(4, 3, 3, one, two, s1, s2, 3), "missing or not numeric in one order");
        assertNull(UnknownFields.suggest(3, 3, 2, one, two, s1, s2, 3), "over 5 % once");
        assertNull(UnknownFields.suggest(3, 3, 3, one, one, s1, s2, 3), "a constant (a code, a level) is not an amount");
        assertNull(UnknownFields.suggest(3, 3, 3, one, two, new BigDecimal("0.001"), new BigDecimal("0.04"), 3),
                "does not move with the total");
    }
}
