package io.orderhub.state.rest;

import java.util.List;

/** {@code GET /orders?state=&channel=&hold=&page=&size=}: {@code page} counts from 0. */
public record OrderPage(List<OrderSummary> items, int page, int size, long total, long pages) {
}
