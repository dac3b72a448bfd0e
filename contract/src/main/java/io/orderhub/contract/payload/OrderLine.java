package io.orderhub.contract.payload;

import io.orderhub.contract.Money;

/** One line of an order in the hub's vocabulary. {@code lineId} is the channel's line id. */
public record OrderLine(String lineId, String sku, String title, int quantity, Money unitPrice) {
}
