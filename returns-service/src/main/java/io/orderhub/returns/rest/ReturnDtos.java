package io.orderhub.returns.rest;

import io.orderhub.returns.domain.Classification;
import io.orderhub.returns.domain.Intent;
import io.orderhub.returns.domain.ReturnAudit;
import io.orderhub.returns.domain.ReturnRequest;
import io.orderhub.returns.service.ReturnsService;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Request and response bodies of {@code /returns}. */
public final class ReturnDtos {
    private ReturnDtos() {
    }

    public record ClassifyRequest(
            @NotBlank(message = "must be the customer's message, e.g. {\"text\": \"不想退款,换个大一码\"}")
            @Size(max = 4000, message = "must be at most 4000 characters") String text) {
    }

    /**
     * @param route what the flow does with it: the intent, or {@code MANUAL_REVIEW} when a person must decide
     */
    public record ClassificationView(String intent, String route, double confidence, boolean needsReview,
            Set<String> flags, String desiredSize, String desiredColour, String desiredSku, List<String> evidence) {

        static ClassificationView of(Classification c) {
            return new ClassificationView(c.intent() == null ? null : c.intent().name(),
                    c.needsReview() ? "MANUAL_REVIEW" : c.intent().name(), c.confidence(), c.needsReview(),
                    c.flags().stream().map(Enum::name).collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new)),
                    c.desiredSize(), c.desiredColour(), c.desiredSku(), c.evidence());
        }
    }

    public record CreateReturn(
            @NotBlank(message = "must be the global order id, e.g. OH2026XK9F2N1L") String globalOrderId,
            @NotBlank(message = "must be the customer's own words") @Size(max = 4000, message = "must be at most 4000 characters")
            String text,
            String sku,
            @Min(value = 1, message = "must be at least 1") @Max(value = 10000, message = "must be at most 10000") Integer quantity,
            String newSku,
            String customerId,
            Boolean opened) {

        ReturnsService.NewReturn toNew() {
            return new ReturnsService.NewReturn(globalOrderId.trim(), text, sku, quantity, newSku, customerId, opened);
        }
    }

    public record Decision(
            @NotNull(message = "must be true (approve) or false (reject)") Boolean approve,
            Intent intent,
            String newSku,
            @Size(max = 1000, message = "must be at most 1000 characters") String reason) {
    }

    public record Received(@Size(max = 1000, message = "must be at most 1000 characters") String note) {
    }

    public record QualityCheck(
            @NotNull(message = "must be true (passed) or false (failed)") Boolean passed,
            @Size(max = 1000, message = "must be at most 1000 characters") String note) {
    }

    public record Step(String from, String to, String actor, String reason, Instant at) {
        static Step of(ReturnAudit a) {
            return new Step(a.fromStatus, a.toStatus, a.actor, a.reason, a.occurredAt);
        }
    }

    public record ReturnView(UUID id, String globalOrderId, String intent, String status, String source, String text,
            BigDecimal confidence, Set<String> flags, String originalSku, String newSku, int quantity,
            String desiredSize, String desiredColour, BigDecimal refundAmount, String refundCurrency,
            String reviewReason, String exchangeStock, Instant createdAt, Instant receivedAt, Instant qcDueAt,
            Instant qcOverdueAt, String workOrderTitle, List<Step> history) {

        static ReturnView of(ReturnRequest r, List<ReturnAudit> history) {
            return new ReturnView(r.id, r.globalOrderId, r.intent, r.status, r.source, r.customerText, r.confidence,
                    r.flagSet(), r.originalSku, r.newSku, r.quantity, r.desiredSize, r.desiredColour, r.refundAmount,
                    r.refundCurrency, r.reviewReason, r.exchangeStock, r.createdAt, r.receivedAt, r.qcDueAt,
                    r.qcOverdueAt, io.orderhub.returns.service.WorkOrderPdf.title(r),
                    history == null ? null : history.stream().map(Step::of).toList());
        }
    }
}
