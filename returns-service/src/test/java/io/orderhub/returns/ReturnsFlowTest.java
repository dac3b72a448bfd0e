package io.orderhub.returns;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.Result;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.multi.GenericMultipleBarcodeReader;
import io.orderhub.contract.EventTypes;
import io.orderhub.contract.FundingStatus;
import io.orderhub.contract.OrderState;
import io.orderhub.contract.Topics;
import io.orderhub.contract.payload.OrderLine;
import io.orderhub.contract.payload.ReturnChanged;
import io.orderhub.contract.payload.StockChanged;
import io.orderhub.devstack.test.KafkaTestClient;
import io.orderhub.devstack.test.OrderHubTestResource;
import io.orderhub.returns.service.ReturnsService;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.orderhub.returns.ReturnsTestSupport.JSON;
import static io.orderhub.returns.ReturnsTestSupport.afterSaleSnapshot;
import static io.orderhub.returns.ReturnsTestSupport.count;
import static io.orderhub.returns.ReturnsTestSupport.json;
import static io.orderhub.returns.ReturnsTestSupport.line;
import static io.orderhub.returns.ReturnsTestSupport.orderId;
import static io.orderhub.returns.ReturnsTestSupport.paidOrder;
import static io.orderhub.returns.ReturnsTestSupport.transition;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every branch of the return flow through the real broker and the real database. */
@QuarkusTest
@WithTestResource(value = OrderHubTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ReturnsFlowTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static KafkaTestClient kafka;

    @Inject
    ReturnsService service;

    @BeforeAll
    static void connect() {
        kafka = new KafkaTestClient(OrderHubTestResource.kafkaBootstrapServers());
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    private static String bearer(String role) {
        return "Bearer " + OrderHubTestResource.token(role);
    }

    // ---- the world around returns ------------------------------------------------------------------------------

    private static void paid(String order, OrderLine... lines) {
        kafka.publish(Topics.ORDERS_LIFECYCLE, order, EventTypes.ORDER_PAID, json(paidOrder(order, lines)));
        await().atMost(WAIT).untilAsserted(() -> given().header("Authorization", bearer("cs")).get("/returns/orders/{id}", order)
                .then().statusCode(200).body("state", equalTo("PAID")).body("lines", hasSize(lines.length)));
    }

    private static void moved(String order, OrderState from, OrderState to, Instant at) {
        kafka.publish(Topics.ORDERS_LIFECYCLE, order, EventTypes.lifecycleTypeFor(to), json(transition(order, from, to, at)));
        await().atMost(WAIT).untilAsserted(() -> given().header("Authorization", bearer("cs")).get("/returns/orders/{id}", order)
                .then().statusCode(200).body("state", equalTo(to.name())));
    }

    private static void shippedOrder(String order, OrderLine... lines) {
        paid(order, lines);
        moved(order, OrderState.LABEL_PRINTED, OrderState.SHIPPED, Instant.now().minus(Duration.ofDays(1)));
    }

    private static JsonPath open(String order, String text) {
        return open(Map.of("globalOrderId", order, "text", text));
    }

    private static JsonPath open(Map<String, Object> body) {
        return given().header("Authorization", bearer("cs")).contentType(ContentType.JSON).body(body)
                .post("/returns").then().statusCode(201).extract().jsonPath();
    }

    private static JsonPath view(String id) {
        return given().header("Authorization", bearer("ops")).get("/returns/{id}", id).then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath post(String role, String path, Object body) {
        return given().header("Authorization", bearer(role)).contentType(ContentType.JSON).body(body)
                .post(path).then().statusCode(200).extract().jsonPath();
    }

    private static List<KafkaTestClient.Event> returnEvents(String order, String untilType) {
        return kafka.readSubject(Topics.RETURNS, order, WAIT, es -> es.stream().anyMatch(e -> untilType.equals(e.type())));
    }

    private static ReturnChanged payload(KafkaTestClient.Event e) {
        try {
            return JSON.readValue(e.data(), ReturnChanged.class);
        } catch (Exception ex) {
            throw new AssertionError(ex);
        }
    }

    private static List<String> types(List<KafkaTestClient.Event> events) {
        return events.stream().map(KafkaTestClient.Event::type).toList();
    }

    // ---- classification ----------------------------------------------------------------------------------------

    @Test
    void classifyReadsIntentAndFlagsAndRoutesUnclearMessagesToAPerson() {
        given().header("Authorization", bearer("cs")).contentType(ContentType.JSON)
                .body(Map.of("text", "尺码拍错了,不要换货,直接退全款")).post("/returns/classify")
                .then().statusCode(200).body("intent", equalTo("REFUND_ONLY")).body("route", equalTo("REFUND_ONLY"))
                .body("flags", hasItems("FULL_REFUND", "EXCHANGE_DECLINED", "NO_RETURN_SHIPMENT"));
        given().header("Authorization", bearer("cs")).contentType(ContentType.JSON)
                .body(Map.of("text", "不想退款,换个大一码")).post("/returns/classify")
                .then().statusCode(200).body("intent", equalTo("EXCHANGE")).body("desiredSize", equalTo("+1"))
                .body("flags", hasItems("REFUND_DECLINED", "DESIRED_SIZE"));
        given().header("Authorization", bearer("cs")).contentType(ContentType.JSON)
                .body(Map.of("text", "换货或者退款都行,看你们方便")).post("/returns/classify")
                .then().statusCode(200).body("route", equalTo("MANUAL_REVIEW")).body("needsReview", equalTo(true));
        given().contentType(ContentType.JSON).body(Map.of("text", "退款")).post("/returns/classify")
                .then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", bearer("cs")).contentType(ContentType.JSON).body(Map.of("text", " "))
                .post("/returns/classify").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("text"));
    }

    // ---- refund only -------------------------------------------------------------------------------------------

    @Test
    void refundOnlyBeforeShipmentInterceptsTheOrderAndRefundsOnceItIsClosed() {
        String order = orderId();
        paid(order, line("CUP-RED", 2, "39.50"), line("SAUCER-RED", 1, "12.00"));
        JsonPath r = open(order, "还没发货吧？不要了，帮我退款");
        String id = r.getString("id");
        assertEquals("INTERCEPT_REQUESTED", r.getString("status"));
        assertEquals("REFUND_ONLY", r.getString("intent"));
        assertEquals(0, r.getDouble("refundAmount") - 91.0, 1e-9, "the whole order: 2 × 39.50 + 12.00");

        List<KafkaTestClient.Event> events = returnEvents(order, EventTypes.RETURN_INTERCEPT_REQUESTED);
        KafkaTestClient.Event intercept = events.stream().filter(e -> EventTypes.RETURN_INTERCEPT_REQUESTED.equals(e.type()))
                .findFirst().orElseThrow();
        assertEquals(order, intercept.key(), "keyed by the original global order id");
        assertEquals("returns-service", intercept.source());
        assertEquals(id, payload(intercept).returnId());
        assertEquals(List.of(EventTypes.RETURN_ROUTED, EventTypes.RETURN_APPROVED, EventTypes.RETURN_INTERCEPT_REQUESTED), types(events));

        // order-state closes the order before it leaves (inventory releases the stock on that close)
        moved(order, OrderState.STOCK_LOCKED, OrderState.CLOSED, Instant.now());
        await().atMost(WAIT).until(() -> "REFUNDED".equals(view(id).getString("status")));
        KafkaTestClient.Event refunded = returnEvents(order, EventTypes.RETURN_REFUNDED).stream()
                .filter(e -> EventTypes.RETURN_REFUNDED.equals(e.type())).findFirst().orElseThrow();
        assertEquals("REFUNDED", payload(refunded).status());
        assertEquals(List.of("ROUTED", "APPROVED", "INTERCEPT_REQUESTED", "REFUNDED"), view(id).getList("history.to"));
    }

    @Test
    void anOrderThatShipsBeforeTheInterceptionBecomesAReturn() {
        String order = orderId();
        paid(order, line("LAMP-01", 1, "199.00"));
        String id = open(order, "Please cancel, I found it cheaper elsewhere").getString("id");
        assertEquals("INTERCEPT_REQUESTED", view(id).getString("status"));
        moved(order, OrderState.LABEL_PRINTED, OrderState.SHIPPED, Instant.now());
        await().atMost(WAIT).until(() -> "AWAITING_GOODS".equals(view(id).getString("status")));
        JsonPath v = view(id);
        assertEquals("RETURN_AND_REFUND", v.getString("intent"));
        assertFalse(v.getList("flags").contains("NO_RETURN_SHIPMENT"));
        assertTrue(v.getString("history[-1].reason").contains("shipped before it could be intercepted"));
    }

    @Test
    void aRefundOnShippedGoodsIsAReturnReceivedCheckedAndRefundedWithProgressEvents() {
        String order = orderId();
        shippedOrder(order, line("JEANS-BLUE-32", 1, "259.00"));
        JsonPath r = open(order, "退货退款,不喜欢");
        String id = r.getString("id");
        assertEquals("AWAITING_GOODS", r.getString("status"));
        assertEquals("JEANS-BLUE-32", r.getString("originalSku"));

        JsonPath received = post("warehouse", "/returns/" + id + "/receive", Map.of("note", "parcel SF123 opened at dock 3"));
        assertEquals("RECEIVED", received.getString("status"));
        assertTrue(Instant.parse(received.getString("qcDueAt")).isAfter(Instant.parse(received.getString("receivedAt"))));
        JsonPath done = post("warehouse", "/returns/" + id + "/qc", Map.of("passed", true, "note", "tags on, unworn"));
        assertEquals("REFUNDED", done.getString("status"));
        assertEquals(0, done.getDouble("refundAmount") - 259.0, 1e-9);
        assertEquals(List.of("ROUTED", "APPROVED", "AWAITING_GOODS", "RECEIVED", "QC_PASSED", "REFUNDED"), done.getList("history.to"));
        assertTrue(done.getString("history[4].actor").startsWith("user:"), "the QC is audited with who did it");

        List<String> types = types(returnEvents(order, EventTypes.RETURN_REFUNDED));
        assertEquals(List.of(EventTypes.RETURN_ROUTED, EventTypes.RETURN_APPROVED, EventTypes.RETURN_RECEIVED,
                EventTypes.RETURN_QC_RESULT, EventTypes.RETURN_REFUNDED), types, "each step published, in order, on one key");

        // the flow only moves forward
        given().header("Authorization", bearer("warehouse")).contentType(ContentType.JSON).body(Map.of("note", "again"))
                .post("/returns/{id}/receive", id).then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("REFUNDED"));
    }

    // ---- exchange ----------------------------------------------------------------------------------------------

    @Test
    void anExchangeReservesTheNewSkuShipsItAfterQcAndPrintsAWorkOrderWithBothBarcodes() throws Exception {
        String order = orderId();
        shippedOrder(order, line("SHOE-RUN-BLK-38", 1, "499.00"));
        JsonPath r = open(order, "不想退款,换个大一码");
        String id = r.getString("id");
        assertEquals("EXCHANGE", r.getString("intent"));
        assertEquals("AWAITING_GOODS", r.getString("status"));
        assertEquals("SHOE-RUN-BLK-39", r.getString("newSku"));
        assertEquals("PENDING", r.getString("exchangeStock"));
        assertEquals("【换货】" + order, r.getString("workOrderTitle"));

        // exactly the shape inventory-service reacts to: freeze the original line, reserve the new SKU
        KafkaTestClient.Event approved = returnEvents(order, EventTypes.RETURN_APPROVED).stream()
                .filter(e -> EventTypes.RETURN_APPROVED.equals(e.type())).findFirst().orElseThrow();
        ReturnChanged change = payload(approved);
        assertEquals(order, approved.key());
        assertEquals(new ReturnChanged(id, order, "EXCHANGE", change.flags(), "APPROVED", "SHOE-RUN-BLK-38",
                "SHOE-RUN-BLK-39", 1, change.occurredAt()), change);
        assertTrue(change.flags().containsAll(Set.of("REFUND_DECLINED", "DESIRED_SIZE")), change.flags().toString());

        // inventory's answer, as inventory-service publishes it for the line EXCHANGE-<returnId>
        kafka.publish(Topics.INVENTORY, order, EventTypes.STOCK_RESERVED, json(new StockChanged(order, FundingStatus.FULLY_PAID,
                List.of(new StockChanged.Line("SHOE-RUN-BLK-39", "WH-1", 1, 0)),
                "exchange " + id + ": SHOE-RUN-BLK-39 reserved, original SHOE-RUN-BLK-38 frozen", Instant.now())));
        await().atMost(WAIT).until(() -> "RESERVED".equals(view(id).getString("exchangeStock")));

        assertWorkOrder(id, order, "SHOE-RUN-BLK-39");

        post("warehouse", "/returns/" + id + "/receive", Map.of());
        JsonPath shipped = post("warehouse", "/returns/" + id + "/qc", Map.of("passed", true));
        assertEquals("EXCHANGE_SHIPPED", shipped.getString("status"));
        KafkaTestClient.Event out = returnEvents(order, EventTypes.RETURN_EXCHANGE_SHIPPED).stream()
                .filter(e -> EventTypes.RETURN_EXCHANGE_SHIPPED.equals(e.type())).findFirst().orElseThrow();
        assertEquals("SHOE-RUN-BLK-39", payload(out).newSku());
    }

    private static void assertWorkOrder(String id, String order, String newSku) throws Exception {
        byte[] pdf = given().header("Authorization", bearer("warehouse")).get("/returns/{id}/work-order.pdf", id)
                .then().statusCode(200).contentType("application/pdf").extract().asByteArray();
        java.nio.file.Files.write(java.nio.file.Path.of("target", "work-order-example.pdf"), pdf); // for a look by eye
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertEquals("【换货】" + order, doc.getDocumentInformation().getTitle());
            String text = new PDFTextStripper().getText(doc).replaceAll("\\s+", "");
            assertTrue(text.contains("【换货】" + order), "the title is real, extractable Chinese text: " + text);
            assertTrue(text.contains(newSku));
            BufferedImage page = new PDFRenderer(doc).renderImageWithDPI(0, 200, ImageType.GRAY);
            Set<String> codes = decodeAll(page);
            assertTrue(codes.contains(id), "the return id's barcode scans back: " + codes);
            assertTrue(codes.contains(newSku), "the exchange label carries the new SKU's barcode: " + codes);
        }
    }

    /** Every Code 128 barcode on the page: decode, blank out what was found, decode again. */
    private static Set<String> decodeAll(BufferedImage page) {
        Map<DecodeHintType, Object> hints = new HashMap<>();
        hints.put(DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.CODE_128));
        hints.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
        Set<String> found = new java.util.TreeSet<>();
        try {
            Result[] all = new GenericMultipleBarcodeReader(new MultiFormatReader())
                    .decodeMultiple(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(page))), hints);
            Arrays.stream(all).map(Result::getText).forEach(found::add);
        } catch (NotFoundException ignored) {
            // fall through to the one-by-one pass
        }
        for (int pass = 0; pass < 3; pass++) {
            try {
                Result result = new MultiFormatReader().decode(
                        new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(page))), hints);
                found.add(result.getText());
                int y = (int) result.getResultPoints()[0].getY();
                var g = page.createGraphics();
                g.setColor(java.awt.Color.WHITE);
                g.fillRect(0, Math.max(0, y - 150), page.getWidth(), 300);
                g.dispose();
            } catch (NotFoundException e) {
                break;
            }
        }
        return found;
    }

    @Test
    void anExchangeWhoseNewSkuIsOutOfStockGoesToAPersonWhoMakesItARefund() {
        String order = orderId();
        shippedOrder(order, line("TEE-BLACK-M", 1, "89.00"));
        String id = open(order, "Love the tee but want it in white, can I exchange?").getString("id");
        assertEquals("TEE-WHITE-M", view(id).getString("newSku"));
        kafka.publish(Topics.INVENTORY, order, EventTypes.STOCK_REJECTED, json(new StockChanged(order, FundingStatus.FULLY_PAID,
                List.of(new StockChanged.Line("TEE-WHITE-M", null, 1, 1)),
                "exchange " + id + ": not enough available stock for TEE-WHITE-M (short 1)", Instant.now())));
        await().atMost(WAIT).until(() -> "MANUAL_REVIEW".equals(view(id).getString("status")));
        JsonPath v = view(id);
        assertEquals("REJECTED", v.getString("exchangeStock"));
        assertTrue(v.getString("reviewReason").contains("TEE-WHITE-M cannot be reserved"), v.getString("reviewReason"));
        assertTrue(types(returnEvents(order, EventTypes.RETURN_MANUAL_REVIEW)).contains(EventTypes.RETURN_MANUAL_REVIEW));

        JsonPath decided = post("cs", "/returns/" + id + "/decision",
                Map.of("approve", true, "intent", "RETURN_AND_REFUND", "reason", "customer accepted a refund on the phone"));
        assertEquals("AWAITING_GOODS", decided.getString("status"));
        assertEquals("RETURN_AND_REFUND", decided.getString("intent"));
        assertEquals(0, decided.getDouble("refundAmount") - 89.0, 1e-9);
    }

    @Test
    void goodsThatFailQualityCheckGoBackToTheCustomer() {
        String order = orderId();
        shippedOrder(order, line("BAG-TAN", 1, "320.00"));
        String id = open(order, "I want to return it, I don't like the colour").getString("id");
        post("warehouse", "/returns/" + id + "/receive", Map.of());
        JsonPath failed = post("warehouse", "/returns/" + id + "/qc", Map.of("passed", false, "note", "ink stains, not ours"));
        assertEquals("SENT_BACK", failed.getString("status"));
        assertEquals(List.of("ROUTED", "APPROVED", "AWAITING_GOODS", "RECEIVED", "QC_FAILED", "SENT_BACK"), failed.getList("history.to"));
        List<KafkaTestClient.Event> events = returnEvents(order, EventTypes.RETURN_REJECTED_BACK_TO_CUSTOMER);
        assertTrue(types(events).contains(EventTypes.RETURN_QC_RESULT));
        assertFalse(types(events).contains(EventTypes.RETURN_REFUNDED), "no refund for goods that failed QC");
        assertEquals("QC_FAILED", events.stream().filter(e -> EventTypes.RETURN_QC_RESULT.equals(e.type()))
                .map(ReturnsFlowTest::payload).findFirst().orElseThrow().status());
    }

    // ---- risk --------------------------------------------------------------------------------------------------

    @Test
    void theRiskCheckRejectsBlacklistedCustomersAndExpiredWindows() {
        String order = orderId();
        shippedOrder(order, line("KETTLE-01", 1, "150.00"));
        JsonPath black = open(Map.of("globalOrderId", order, "text", "退货退款", "customerId", "CUST-BLACKLISTED"));
        assertEquals("REJECTED", black.getString("status"));
        assertTrue(black.getString("reviewReason").contains("blacklist"));

        String late = orderId();
        shippedOrder(late, line("KETTLE-01", 1, "150.00"));
        moved(late, OrderState.SHIPPED, OrderState.DELIVERED, Instant.now().minus(Duration.ofDays(30)));
        JsonPath expired = open(late, "I'd like to return these, they don't fit");
        assertEquals("REJECTED", expired.getString("status"));
        assertTrue(expired.getString("reviewReason").contains("return window of 7 days"), expired.getString("reviewReason"));
        assertTrue(types(returnEvents(late, EventTypes.RETURN_REJECTED)).contains(EventTypes.RETURN_REJECTED));
    }

    @Test
    void unclearOrOpenedRequestsWaitForAPersonWhoDecides() {
        String order = orderId();
        shippedOrder(order, line("COAT-GRY-L", 1, "899.00"));
        JsonPath unclear = open(order, "换货或者退款都行,看你们方便");
        String id = unclear.getString("id");
        assertEquals("MANUAL_REVIEW", unclear.getString("status"));
        assertTrue(unclear.getString("reviewReason").contains("do not say clearly"));
        given().header("Authorization", bearer("cs")).contentType(ContentType.JSON).body(Map.of("approve", true))
                .post("/returns/{id}/decision", id).then().statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("intent"));
        JsonPath approved = post("cs", "/returns/" + id + "/decision", Map.of("approve", true, "intent", "EXCHANGE", "newSku", "COAT-GRY-XL"));
        assertEquals("AWAITING_GOODS", approved.getString("status"));
        assertEquals("COAT-GRY-XL", approved.getString("newSku"));
        KafkaTestClient.Event event = returnEvents(order, EventTypes.RETURN_APPROVED).stream()
                .filter(e -> EventTypes.RETURN_APPROVED.equals(e.type())).findFirst().orElseThrow();
        assertEquals("COAT-GRY-XL", payload(event).newSku());

        String worn = orderId();
        shippedOrder(worn, line("DRESS-RED-S", 1, "299.00"));
        JsonPath opened = open(worn, "穿过一次,不喜欢,退货");
        assertEquals("MANUAL_REVIEW", opened.getString("status"));
        assertTrue(opened.getString("reviewReason").contains("opened or used"));
        JsonPath rejected = post("ops", "/returns/" + opened.getString("id") + "/decision", Map.of("approve", false, "reason", "worn, no defect"));
        assertEquals("REJECTED", rejected.getString("status"));
        assertEquals("worn, no defect", rejected.getString("history[-1].reason"));
    }

    // ---- QC deadline -------------------------------------------------------------------------------------------

    @Test
    void anOverdueQualityCheckEscalatesExactlyOnce() throws Throwable {
        String order = orderId();
        shippedOrder(order, line("SPEAKER-01", 1, "699.00"));
        String id = open(order, "Returning the speaker, it crackles").getString("id");
        post("warehouse", "/returns/" + id + "/receive", Map.of()); // QC deadline in tests: 3 s
        await().atMost(WAIT).until(() -> view(id).get("qcOverdueAt") != null);
        String overdue = "select count(*) from outbox_event where type = '" + EventTypes.RETURN_QC_OVERDUE + "' and payload like ?";
        assertEquals(1, count(overdue, "%" + id + "%"));
        // more scans (every second), and a scan as after a restart: still one escalation
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6)).until(() -> count(overdue, "%" + id + "%") == 1);
        VertxContextSupport.subscribeAndAwait(() -> service.escalateOverdueQualityChecks());
        assertEquals(1, count(overdue, "%" + id + "%"));

        List<KafkaTestClient.Event> events = returnEvents(order, EventTypes.RETURN_QC_OVERDUE);
        assertEquals(1, events.stream().filter(e -> EventTypes.RETURN_QC_OVERDUE.equals(e.type())).count());
        assertTrue(view(id).getList("history.reason", String.class).stream().anyMatch(s -> s.startsWith("quality check overdue")));
        // it is still checked afterwards
        assertEquals("REFUNDED", post("warehouse", "/returns/" + id + "/qc", Map.of("passed", true)).getString("status"));
    }

    // ---- channel after-sale via ingest ---------------------------------------------------------------------------

    @Test
    void aChannelAfterSaleBeforeShipmentOpensOneRefundOnlyRequestThatIntercepts() {
        String order = orderId();
        OrderLine cup = line("CUP-BLUE", 1, "129.00");
        kafka.publish(Topics.ORDERS_INGESTED, order, EventTypes.ORDER_INGESTED, json(afterSaleSnapshot(order, OrderState.PAID, cup)));
        kafka.publish(Topics.ORDERS_INGESTED, order, EventTypes.ORDER_INGESTED, json(afterSaleSnapshot(order, OrderState.PAID, cup)));
        await().atMost(WAIT).untilAsserted(() -> given().header("Authorization", bearer("cs"))
                .get("/returns/orders/{id}/returns", order).then().statusCode(200).body("$", hasSize(1))
                .body("[0].status", equalTo("INTERCEPT_REQUESTED")).body("[0].source", equalTo("channel:douyin"))
                .body("[0].intent", equalTo("REFUND_ONLY")));
        String marker = kafka.publish(Topics.ORDERS_INGESTED, order, EventTypes.ORDER_INGESTED,
                json(afterSaleSnapshot(order, OrderState.PAID, cup)));
        await().atMost(WAIT).until(() -> count("select count(*) from inbox_event where event_id = ?", marker) == 1);
        given().header("Authorization", bearer("cs")).get("/returns/orders/{id}/returns", order).then().body("$", hasSize(1));
        assertTrue(types(returnEvents(order, EventTypes.RETURN_INTERCEPT_REQUESTED)).contains(EventTypes.RETURN_INTERCEPT_REQUESTED));
    }

    // ---- problems ----------------------------------------------------------------------------------------------

    @Test
    void mistakesAreProblemsThatSayWhatToFix() {
        String order = orderId();
        shippedOrder(order, line("A-1", 1, "10.00"), line("B-2", 2, "20.00"));
        given().header("Authorization", bearer("cs")).contentType(ContentType.JSON)
                .body(Map.of("globalOrderId", order, "text", "退货", "sku", "C-3")).post("/returns")
                .then().statusCode(422).contentType("application/problem+json").body("detail", containsString("[A-1, B-2]"));
        JsonPath which = open(order, "退货退款");
        assertEquals("MANUAL_REVIEW", which.getString("status"), "two SKUs and none named");
        assertTrue(which.getString("reviewReason").contains("2 SKUs"));
        given().header("Authorization", bearer("cs")).contentType(ContentType.JSON)
                .body(Map.of("globalOrderId", order, "text", "退货退款")).post("/returns")
                .then().statusCode(409).contentType("application/problem+json").body("returnId", notNullValue());
        given().header("Authorization", bearer("cs")).contentType(ContentType.JSON).body(Map.of("text", "退货"))
                .post("/returns").then().statusCode(400).body("detail", containsString("globalOrderId"));
        given().header("Authorization", bearer("cs")).get("/returns/{id}/work-order.pdf", java.util.UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
        given().header("Authorization", bearer("finance")).contentType(ContentType.JSON).body(Map.of("text", "x"))
                .post("/returns/classify").then().statusCode(403);
        Set<String> ids = given().header("Authorization", bearer("cs")).get("/returns/orders/{id}/returns", order)
                .then().extract().jsonPath().getList("id", String.class).stream().collect(Collectors.toSet());
        assertEquals(1, ids.size());
    }
}
