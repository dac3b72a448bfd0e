package io.orderhub.state.rest;

import java.util.List;

public record ManualReviewPage(List<ManualReviewView> items, int page, int size, long total) {
}
