package io.orderhub.devstack.sim.erp;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One sales order as the simulated ERP keeps it (the fields of a {@code trade_query} answer, in neutral Java types).
 * Immutable: change it with the {@code with…} methods and {@link ErpSimulator#put}/{@link ErpSimulator#update}.
 *
 * @param tradeNo       the ERP's own sales-order number ({@code trade_no}, e.g. {@code JY2026112200001})
 * @param outerNo       the order number the hub sent with the order ({@code outer_no}: the global order id)
 * @param platform      the channel it was sold on ({@code platform}: {@code shopify}, {@code taobao}, …)
 * @param shopNo        the shop on that channel ({@code shop_no})
 * @param srcTid        the platform's own order id ({@code src_tid})
 * @param tradeStatus   {@code trade_status}: see {@link ErpSimulator#CANCELLED} … {@link ErpSimulator#FINISHED}
 * @param payTime       when the buyer paid, as the ERP recorded it
 * @param checkTime     when the order was audited in the ERP ({@code check_time}); null before the audit
 * @param consignTime   when it was consigned to the carrier
 * @param receivable    what the buyer pays: goods + post − discount
 * @param postAmount    shipping charged to the buyer
 * @param commission    the platform's fee on the order
 * @param goodsCost     the cost of the goods (the ERP's own figure)
 * @param warehouseNo   the warehouse the ERP assigned
 * @param logisticsCode the carrier code ({@code SF}, {@code YTO}, …)
 * @param logisticsNo   the waybill number
 * @param modified      last change; {@code trade_query} windows on it
 */
public record SalesOrder(String tradeNo, String outerNo, String platform, String shopNo, String srcTid, int tradeStatus,
        Instant tradeTime, Instant payTime, Instant checkTime, Instant consignTime, String currency, BigDecimal receivable,
        BigDecimal goodsAmount, BigDecimal postAmount, BigDecimal discount, BigDecimal commission, BigDecimal goodsCost,
        String warehouseNo, String logisticsCode, String logisticsNo, Instant modified) {

    public SalesOrder {
        Objects.requireNonNull(outerNo, "outerNo");
        Objects.requireNonNull(currency, "currency");
    }

    /**
     * A paid order, audited a minute after payment, in warehouse {@code WH-SH}: {@code receivable = goods + post −
     * discount}. The trade number is assigned by the simulator when it is put.
     */
    public static SalesOrder audited(String outerNo, String platform, String shopNo, String srcTid, Instant payTime,
            String currency, String goodsAmount, String postAmount, String discount) {
        BigDecimal goods = new BigDecimal(goodsAmount);
        BigDecimal post = new BigDecimal(postAmount);
        BigDecimal off = new BigDecimal(discount);
        Instant paid = payTime.truncatedTo(ChronoUnit.SECONDS);
        return new SalesOrder(null, outerNo, platform, shopNo, srcTid, ErpSimulator.CHECKED, paid.minusSeconds(30), paid,
                paid.plusSeconds(60), null, currency, goods.add(post).subtract(off), goods, post, off, BigDecimal.ZERO,
                goods.multiply(new BigDecimal("0.55")).setScale(2, java.math.RoundingMode.HALF_UP), "WH-SH", null, null, null);
    }

    public SalesOrder withTradeNo(String value) {
        return new SalesOrder(value, outerNo, platform, shopNo, srcTid, tradeStatus, tradeTime, payTime, checkTime, consignTime,
                currency, receivable, goodsAmount, postAmount, discount, commission, goodsCost, warehouseNo, logisticsCode,
                logisticsNo, modified);
    }

    public SalesOrder withStatus(int value) {
        return new SalesOrder(tradeNo, outerNo, platform, shopNo, srcTid, value, tradeTime, payTime, checkTime, consignTime,
                currency, receivable, goodsAmount, postAmount, discount, commission, goodsCost, warehouseNo, logisticsCode,
                logisticsNo, modified);
    }

    public SalesOrder withCheckTime(Instant value) {
        return new SalesOrder(tradeNo, outerNo, platform, shopNo, srcTid, tradeStatus, tradeTime, payTime, value, consignTime,
                currency, receivable, goodsAmount, postAmount, discount, commission, goodsCost, warehouseNo, logisticsCode,
                logisticsNo, modified);
    }

    public SalesOrder withPayTime(Instant value) {
        return new SalesOrder(tradeNo, outerNo, platform, shopNo, srcTid, tradeStatus, tradeTime, value, checkTime, consignTime,
                currency, receivable, goodsAmount, postAmount, discount, commission, goodsCost, warehouseNo, logisticsCode,
                logisticsNo, modified);
    }

    public SalesOrder withReceivable(String value) {
        return new SalesOrder(tradeNo, outerNo, platform, shopNo, srcTid, tradeStatus, tradeTime, payTime, checkTime, consignTime,
                currency, new BigDecimal(value), goodsAmount, postAmount, discount, commission, goodsCost, warehouseNo,
                logisticsCode, logisticsNo, modified);
    }

    public SalesOrder withPostAmount(String value) {
        return new SalesOrder(tradeNo, outerNo, platform, shopNo, srcTid, tradeStatus, tradeTime, payTime, checkTime, consignTime,
                currency, receivable, goodsAmount, new BigDecimal(value), discount, commission, goodsCost, warehouseNo,
                logisticsCode, logisticsNo, modified);
    }

    public SalesOrder withDiscount(String value) {
        return new SalesOrder(tradeNo, outerNo, platform, shopNo, srcTid, tradeStatus, tradeTime, payTime, checkTime, consignTime,
                currency, receivable, goodsAmount, postAmount, new BigDecimal(value), commission, goodsCost, warehouseNo,
                logisticsCode, logisticsNo, modified);
    }

    public SalesOrder withCommission(String value) {
        return new SalesOrder(tradeNo, outerNo, platform, shopNo, srcTid, tradeStatus, tradeTime, payTime, checkTime, consignTime,
                currency, receivable, goodsAmount, postAmount, discount, new BigDecimal(value), goodsCost, warehouseNo,
                logisticsCode, logisticsNo, modified);
    }

    public SalesOrder withCurrency(String value) {
        return new SalesOrder(tradeNo, outerNo, platform, shopNo, srcTid, tradeStatus, tradeTime, payTime, checkTime, consignTime,
                value, receivable, goodsAmount, postAmount, discount, commission, goodsCost, warehouseNo, logisticsCode,
                logisticsNo, modified);
    }

    public SalesOrder withWarehouse(String value) {
        return new SalesOrder(tradeNo, outerNo, platform, shopNo, srcTid, tradeStatus, tradeTime, payTime, checkTime, consignTime,
                currency, receivable, goodsAmount, postAmount, discount, commission, goodsCost, value, logisticsCode,
                logisticsNo, modified);
    }

    /** Consigned to {@code carrier} with waybill {@code number} at {@code at}: status {@link ErpSimulator#SENT}. */
    public SalesOrder consigned(String carrier, String number, Instant at) {
        return new SalesOrder(tradeNo, outerNo, platform, shopNo, srcTid, ErpSimulator.SENT, tradeTime, payTime, checkTime,
                at == null ? null : at.truncatedTo(ChronoUnit.SECONDS), currency, receivable, goodsAmount, postAmount, discount,
                commission, goodsCost, warehouseNo, carrier, number, modified);
    }

    /** A waybill printed (number known) without changing the status. */
    public SalesOrder withWaybill(String carrier, String number) {
        return new SalesOrder(tradeNo, outerNo, platform, shopNo, srcTid, tradeStatus, tradeTime, payTime, checkTime, consignTime,
                currency, receivable, goodsAmount, postAmount, discount, commission, goodsCost, warehouseNo, carrier, number,
                modified);
    }

    SalesOrder withModified(Instant value) {
        return new SalesOrder(tradeNo, outerNo, platform, shopNo, srcTid, tradeStatus, tradeTime, payTime, checkTime, consignTime,
                currency, receivable, goodsAmount, postAmount, discount, commission, goodsCost, warehouseNo, logisticsCode,
                logisticsNo, value);
    }
}
