package io.orderhub.state;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.orderhub.contract.FundingStatus;
import io.orderhub.contract.Money;
import io.orderhub.contract.OrderState;
import io.orderhub.contract.payload.Address;
import io.orderhub.contract.payload.OrderIngested;
import io.orderhub.contract.payload.OrderLine;
import io.orderhub.contract.payload.ReturnChanged;
import io.orderhub.contract.payload.StockChanged;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Test data named after what it makes. */
final class OrderMother {
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final AtomicLong CHANNEL_IDS = new AtomicLong(5791234567890L);

    static String globalOrderId() {
        return "OH2026" + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase();
    }

    static String channelOrderId() {
        return Long.toString(CHANNEL_IDS.incrementAndGet());
    }

    /** The Shopify order of the fixture (paid, two lines, complete address) as order-ingest-service publishes it. */
    static String paidShopifySnapshotJson(String globalOrderId, String channelOrderId, String sku1, String sku2,
            Instant channelUpdatedAt) {
        try (InputStream in = OrderMother.class.getResourceAsStream("/fixtures/shopify-paid-snapshot.json")) {
            String template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return template.replace("${globalOrderId}", globalOrderId).replace("${channelOrderId}", channelOrderId)
                    .replace("${sku1}", sku1).replace("${sku2}", sku2).replace("${channelUpdatedAt}", channelUpdatedAt.toString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Address completeAddress(String phone, String province) {
        return new Address("Li Lei", phone, "CN", province, "Hangzhou", "Xihu", "No. 1 Wensan Road", "310000");
    }

    /** A Taobao snapshot in {@code status} with one line of {@code sku}. */
    static OrderIngested taobaoSnapshot(String globalOrderId, String channelOrderId, OrderState status, String channelStatus,
            Instant channelUpdatedAt, String sku) {
        return new OrderIngested(globalOrderId, "taobao", "demo", channelOrderId, channelStatus, status, Set.of(),
                FundingStatus.FULLY_PAID, Money.of("199.00", "CNY"), Map.of(),
                completeAddress("13800138000", "Zhejiang"), List.of(new OrderLine("L1", sku, "Down jacket", 1, Money.of("199.00", "CNY"))),
                Instant.parse("2026-11-11T00:00:05Z"), status == OrderState.PENDING_PAYMENT ? null : Instant.parse("2026-11-11T00:00:09Z"),
                channelUpdatedAt, "raw-" + channelOrderId);
    }

    static OrderIngested paidTaobaoOrder(String globalOrderId, String channelOrderId, Instant channelUpdatedAt, String sku) {
        return taobaoSnapshot(globalOrderId, channelOrderId, OrderState.PAID, "WAIT_SELLER_SEND_GOODS", channelUpdatedAt, sku);
    }

    static OrderIngested withAddress(OrderIngested o, Address address) {
        return new OrderIngested(o.globalOrderId(), o.channel(), o.shop(), o.channelOrderId(), o.channelStatus(), o.status(),
                o.conditions(), o.funding(), o.total(), o.fees(), address, o.lines(), o.createdAt(), o.paidAt(),
                o.channelUpdatedAt(), o.rawPayloadId());
    }

    static OrderIngested withTotal(OrderIngested o, Money total) {
        return new OrderIngested(o.globalOrderId(), o.channel(), o.shop(), o.channelOrderId(), o.channelStatus(), o.status(),
                o.conditions(), o.funding(), total, o.fees(), o.shippingAddress(), o.lines(), o.createdAt(), o.paidAt(),
                o.channelUpdatedAt(), o.rawPayloadId());
    }

    static OrderIngested withFunding(OrderIngested o, OrderState status, FundingStatus funding, Instant channelUpdatedAt) {
        return new OrderIngested(o.globalOrderId(), o.channel(), o.shop(), o.channelOrderId(), o.channelStatus(), status,
                o.conditions(), funding, o.total(), o.fees(), o.shippingAddress(), o.lines(), o.createdAt(), o.paidAt(),
                channelUpdatedAt, o.rawPayloadId());
    }

    static ReturnChanged refundRequestedBeforeShipment(String globalOrderId) {
        return new ReturnChanged("RT-" + globalOrderId, globalOrderId, "REFUND_ONLY", Set.of("FULL_REFUND", "NO_RETURN_SHIPMENT"),
                "INTERCEPT_REQUESTED", null, null, 0, Instant.now());
    }

    static StockChanged reserved(String globalOrderId, String sku, int quantity) {
        return new StockChanged(globalOrderId, FundingStatus.FULLY_PAID, List.of(new StockChanged.Line(sku, "WH-SH", quantity, 0)),
                null, Instant.now());
    }

    static StockChanged rejected(String globalOrderId, String sku, int quantity, int shortfall) {
        return new StockChanged(globalOrderId, FundingStatus.FULLY_PAID, List.of(new StockChanged.Line(sku, "WH-SH", quantity, shortfall)),
                "not enough available stock for " + sku + " (short " + shortfall + ")", Instant.now());
    }

    static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static <T> T read(String json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private OrderMother() {
    }
}
