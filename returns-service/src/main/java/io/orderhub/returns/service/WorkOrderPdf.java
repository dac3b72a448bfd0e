package io.orderhub.returns.service;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.oned.Code128Writer;
import io.orderhub.returns.domain.Intent;
import io.orderhub.returns.domain.ReturnRequest;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A return's work order as a one-page A4 PDF: the title ({@code 【换货】<order id>} for an exchange), a Code 128
 * barcode of the return id, the return's facts, and for an exchange a label with the new SKU's Code 128 barcode.
 * Bars are drawn as vector rectangles (sharp at any zoom or printer). Chinese text uses the bundled WenQuanYi Micro
 * Hei subset, embedded as a subset font. Blocking work: call it off the event loop.
 */
@ApplicationScoped
public class WorkOrderPdf {
    private static final String FONT = "/fonts/wqy-microhei-gb2312.ttf";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final float MARGIN = 50;
    private static final Map<Intent, String> TITLES = Map.of(
            Intent.EXCHANGE, "【换货】", Intent.REFUND_ONLY, "【仅退款】", Intent.RETURN_AND_REFUND, "【退货退款】");

    private volatile byte[] fontBytes;

    /** The title the work order carries: {@code 【换货】<original order id>} for an exchange. */
    public static String title(ReturnRequest r) {
        Intent intent = r.intent();
        return (intent == null ? "【待审核】" : TITLES.get(intent)) + r.globalOrderId;
    }

    public byte[] render(ReturnRequest r) {
        try (PDDocument doc = new PDDocument()) {
            TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBuffer(font()));
            PDType0Font font = PDType0Font.load(doc, ttf, true);
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            PDDocumentInformation info = doc.getDocumentInformation();
            info.setTitle(title(r));
            info.setSubject("return " + r.id);
            info.setCreator("returns-service");
            float width = page.getMediaBox().getWidth();
            float y = page.getMediaBox().getHeight() - MARGIN;
            try (PDPageContentStream out = new PDPageContentStream(doc, page)) {
                y = text(out, font, 22, MARGIN, y, title(r));
                y = text(out, font, 11, MARGIN, y - 8, "售后工单 Return work order · " + r.id);
                y -= 16;
                y = barcode(out, r.id.toString(), MARGIN, y, width - 2 * MARGIN, 64);
                y = text(out, font, 10, MARGIN, y - 4, "退货单号 Return id: " + r.id);
                y -= 14;
                List<String[]> rows = new ArrayList<>();
                rows.add(new String[]{"订单号 Order", r.globalOrderId});
                rows.add(new String[]{"类型 Intent", r.intent == null ? "待人工审核 manual review" : r.intent});
                rows.add(new String[]{"状态 Status", r.status});
                rows.add(new String[]{"原商品 Original SKU", (r.originalSku == null ? "?" : r.originalSku) + " × " + r.quantity});
                if (r.newSku != null && r.intent() == Intent.EXCHANGE) {
                    rows.add(new String[]{"换货商品 New SKU", r.newSku + " × " + r.quantity});
                }
                if (r.refundAmount != null && r.intent() != Intent.EXCHANGE) {
                    rows.add(new String[]{"退款 Refund", r.refundAmount.stripTrailingZeros().toPlainString() + " " + r.refundCurrency});
                }
                rows.add(new String[]{"申请时间 Requested", TIME.format(r.createdAt)});
                if (r.receivedAt != null) {
                    rows.add(new String[]{"收货 Received", TIME.format(r.receivedAt)});
                }
                if (r.qcDueAt != null) {
                    rows.add(new String[]{"质检截止 QC due", TIME.format(r.qcDueAt)});
                }
                rows.add(new String[]{"来源 Source", r.source});
                for (String[] row : rows) {
                    text(out, font, 11, MARGIN, y - 4, row[0]);
                    y = text(out, font, 11, MARGIN + 150, y - 4, row[1]);
                }
                if (r.customerText != null && !r.customerText.isBlank()) {
                    y = text(out, font, 11, MARGIN, y - 20, "客户原话 Customer's words:");
                    for (String line : wrap(font, 11, printable(font, r.customerText), width - 2 * MARGIN - 10)) {
                        y = text(out, font, 11, MARGIN + 10, y - 4, line);
                    }
                }
                if (r.intent() == Intent.EXCHANGE && r.newSku != null) {
                    y -= 28;
                    out.setLineWidth(1f);
                    out.addRect(MARGIN - 8, y - 150, width - 2 * MARGIN + 16, 150);
                    out.stroke();
                    y = text(out, font, 14, MARGIN, y - 10, "换货标签 Exchange label · " + title(r));
                    y -= 10;
                    // a quiet zone of at least 10 modules on each side, clear of the label's frame
                    y = barcode(out, r.newSku, MARGIN + 24, y, Math.min(width - 2 * MARGIN - 48, 360), 56);
                    text(out, font, 12, MARGIN, y - 6, "新SKU New SKU: " + r.newSku + " × " + r.quantity);
                }
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            doc.save(bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("the work order of return " + r.id + " could not be rendered", e);
        }
    }

    /** Draws one line of text whose top is at {@code top}; answers the y below it. */
    private static float text(PDPageContentStream out, PDType0Font font, float size, float x, float top, String s)
            throws IOException {
        float baseline = top - size * 0.9f;
        out.beginText();
        out.setFont(font, size);
        out.newLineAtOffset(x, baseline);
        out.showText(printable(font, s));
        out.endText();
        return baseline - size * 0.3f;
    }

    /** A Code 128 barcode as vector bars, left-aligned, scaled to {@code maxWidth}; answers the y below it. */
    private static float barcode(PDPageContentStream out, String content, float x, float top, float maxWidth, float height)
            throws IOException {
        BitMatrix bits;
        try {
            bits = new Code128Writer().encode(content, BarcodeFormat.CODE_128, 0, 1, Map.of(EncodeHintType.MARGIN, 0));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot encode " + content + " as Code 128: " + e.getMessage(), e);
        }
        int modules = bits.getWidth();
        float module = Math.min(1.6f, maxWidth / modules);
        float y = top - height;
        int run = -1;
        for (int i = 0; i <= modules; i++) {
            boolean black = i < modules && bits.get(i, 0);
            if (black && run < 0) {
                run = i;
            } else if (!black && run >= 0) {
                out.addRect(x + run * module, y, (i - run) * module, height);
                run = -1;
            }
        }
        out.fill();
        return y - 4;
    }

    /** Characters the bundled font cannot draw become '?'. */
    private static String printable(PDType0Font font, String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            String ch = new String(Character.toChars(cp));
            if (cp == '\n' || cp == '\r' || cp == '\t') {
                sb.append(' ');
                return;
            }
            try {
                font.encode(ch);
                sb.append(ch);
            } catch (IOException | IllegalArgumentException e) {
                sb.append('?');
            }
        });
        return sb.toString();
    }

    private static List<String> wrap(PDType0Font font, float size, String s, float maxWidth) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            String ch = new String(Character.toChars(cp));
            if (font.getStringWidth(line + ch) / 1000 * size > maxWidth && line.length() > 0) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(ch);
            i += Character.charCount(cp);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines.size() > 12 ? lines.subList(0, 12) : lines;
    }

    private byte[] font() throws IOException {
        byte[] f = fontBytes;
        if (f == null) {
            try (InputStream in = WorkOrderPdf.class.getResourceAsStream(FONT)) {
                if (in == null) {
                    throw new IOException("font " + FONT + " is missing from the service");
                }
                f = in.readAllBytes();
                fontBytes = f;
            }
        }
        return f;
    }
}
