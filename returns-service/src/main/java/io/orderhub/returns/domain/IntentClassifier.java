package io.orderhub.returns.domain;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a return request in Chinese or English (or both mixed): a rule engine over phrase lists, with negation
 * ("不要换货", "don't want a refund", "退款就算了"), contrast (clauses are read one by one) and common typos, pinyin
 * and traditional characters normalised first. Plain Java, no network, no model.
 *
 * <p>How it decides: every clause is scanned for cues (exchange, money back, goods back, nothing shipped back,
 * goods received), each either affirmed or negated. An affirmed exchange without affirmed money/goods cues is an
 * exchange; "nothing goes back" cues make a refund only; goods-back cues, or money asked for goods the customer says
 * they received, make a return and refund; money alone is a refund only. Both sides affirmed with an "or"/"either"/
 * "都行" is for a person; so is a message without any request. The confidence says how clear the reading is.
 */
public final class IntentClassifier {
    public static final double DEFAULT_MIN_CONFIDENCE = 0.7;

    private enum Cue { EXCHANGE, WEAK_EXCHANGE, MONEY, GOODS, WEAK_GOODS, NO_SHIP, RECEIVED, NEUTRAL, EXCHANGE_NO, BACK_NO }

    private record Rule(Pattern pattern, Cue cue, boolean negatable) {
    }

    private record Hit(Cue cue, boolean negated, int clause, String text) {
    }

    private static final List<Rule> RULES = new ArrayList<>();

    private static void rule(Cue cue, boolean negatable, String... regexes) {
        for (String r : regexes) {
            RULES.add(new Rule(Pattern.compile(r), cue, negatable));
        }
    }

    static {
        // order matters: the first rule that matches a span consumes it
        rule(Cue.NEUTRAL, false, "退换", "换来换去", "退款什么时候", "refund to my card", "exchange rate");
        // nothing goes back: not shipped, not received, lost, cancelled, partial money, keep it
        rule(Cue.NO_SHIP, false,
                "不用寄回", "无需寄回", "不用退回", "不用寄", "没法寄回?", "没法退回", "无法寄回", "不退货", "不用退货", "无需退货",
                "仅退款", "只退款", "没收到", "未收到", "没有收到", "没拿到", "还没到", "一直没到", "没到货", "没发货", "未发货", "还没发",
                "没发的话", "不发货", "别发", "不要发货", "不要发了", "拦截", "取消", "丢了", "丢件", "找不到了", "少发", "漏发", "少了",
                "缺件", "差价", "降价", "价格保护", "部分退款", "退一半", "退点钱", "补偿", "运费", "付了两次", "重复下单", "拍了两单",
                "买多了", "拍多了", "拍错", "下错单", "缺货", "发不了", "没享受到", "没用上", "定金", "尾款", "中转站", "后悔", "不想等",
                "发货太慢", "没发", "不发",
                "no need to (send|return|ship)", "don'?t want to (send|ship|return) (it|anything)", "can'?t send it back",
                "cannot send it back", "refund only", "only refund", "partial refund", "(the|a) difference", "price dropped",
                "charged twice", "double charged", "overcharged", "duplicate order", "out of stock", "coupon", "shipping fee",
                "(have|has)(n'?t| not) (been )?(received|arrived|shipped|sent|dispatched)", "not (yet )?(received|arrived|shipped|dispatched|delivered|here)",
                "never (arrived|came|got|received|shipped|dispatched)", "did(n'?t| not) (receive|arrive|get)", "nothing came", "not here",
                "still processing", "before it ships", "(don'?t|do not) ship", "stop the shipment", "cancel(l?ed|l?ing)?",
                "i'?ll keep (it|the)", "keep (it|the (item|product))", "\\blost\\b", "stolen", "missing", "taking forever",
                "haven'?t got", "never got");
        rule(Cue.EXCHANGE_NO, false, "(不|别|不要|不想|不用)(给我)?换(了|货|啦)?");
        rule(Cue.BACK_NO, false, "(不|别|不想|不要)退(了|啦)?(?![货款钱])");
        // exchange
        rule(Cue.EXCHANGE, true,
                "换货", "换一?[个件双条款]", "换成", "换码", "换尺码", "换尺寸", "换一下", "换大", "换小", "换颜色", "换色", "换新", "换吗", "换吧",
                "能换", "想换", "要换", "调换", "更换", "补发", "重新发", "重发", "[a-z0-9]+换[a-z0-9]+", "换\\s*(xxxl|xxl|xl|xs|[sml]|\\d{2})",
                "换\\s*[一]?(黑|白|红|蓝|绿|黄|灰|粉|紫|棕|藏青|米白|卡其)",
                "exchang(ing|ed|es|e)", "swap(ped|ping)?", "replac(ements?|ed|e)",
                "send (me )?(a |an )?(new|another|working|correct|right)", "send (me )?the (correct|right|\\w+ one|\\d+)",
                "(in|for) (a |an )?(bigger|smaller|larger|different) (size|colou?r|one)", "(a |one )?size (up|down|bigger|smaller|larger)",
                "(bigger|smaller|larger|different) size", "different colou?r", "right (size|colou?r|one|item)",
                "(want|like|love) it in", "same \\w+ in", "(get|have) (the|a|an) \\w+ (one|version)", "a working one", "new (one|unit|pair)", "change it to", "in an? \\d{1,2}\\b");
        // goods go back
        rule(Cue.GOODS, true,
                "退货退款", "退货", "退回", "寄回", "退掉", "退了", "拿去退", "上门取件", "七天无理由",
                "return(ed|ing|s)?", "send (it|this|them) back", "ship (it|the \\w+) back", "mail(ed)? (it|the item) back",
                "sent (it|the parcel|the item) back", "shipped it back", "ship back", "sending it back", "return label", "pickup");
        // money back
        rule(Cue.MONEY, true,
                "退全款", "全额退款", "退款", "退钱", "退[^货换]{0,3}钱", "钱退", "把钱", "钱原路", "返款",
                "refund(ed|s)?", "money back", "my money", "reimburs\\w*");
        rule(Cue.WEAK_GOODS, true, "退(?![货款钱换])");
        rule(Cue.WEAK_EXCHANGE, true, "换(?!来)");
        // the customer has the goods
        rule(Cue.RECEIVED, false,
                "收到", "到货", "到了", "穿了", "穿着", "穿上", "试穿", "试了", "用了", "用过", "洗了", "拆开", "打开", "买回来", "拿到", "戴了",
                "received", "got it", "arrived", "tried it on", "wore", "worn", "after one wash", "opened it", "first wear");
    }

    private static final Pattern CLAUSE_SPLIT = Pattern.compile("[，,。.!！?？;；\\n~、…:：]+|\\s(?=but\\b|however\\b)|(?=但是|不过|可是|而是)");
    private static final Pattern ZH_NEGATION = Pattern.compile(
            "(不|别|无需|不必|没必要|拒绝|甭|不是)(要|想|用|需要|打算|考虑|接受|愿意|是|再|给我|帮我|帮忙|申请|去|做|走|直接)*\\s*$");
    private static final Pattern ZH_POSTPOSED_NEGATION = Pattern.compile(
            "^\\s*(就|也|的话|什么的)?(算了|不用了|不必了|免了|太麻烦|没必要|不要了?$|不用$|不需要$|不要[哈啦]|不用[哈啦])");
    private static final Pattern EN_NEGATORS = Pattern.compile(
            "\\b(don'?t|do not|not|no|never|without|than|nor|won'?t|rather not)\\b");
    private static final Set<String> EN_FILLER = Set.of("want", "wanna", "need", "a", "an", "the", "my", "me", "to", "get",
            "any", "looking", "for", "interested", "in", "asking", "it", "be", "i", "just", "really", "please", "am",
            "exchange", "refund");
    private static final Pattern EN_NEEDED_AFTER = Pattern.compile("^\\s*(needed|necessary|required)\\b");
    private static final Pattern AMBIGUOUS = Pattern.compile(
            "或者|或|还是|要么|都行|都可以|都ok|也行|也可以|还没想好|随便|看着办|\\bor\\b|either|whatever|whichever|you decide|not sure");
    private static final Pattern FULL = Pattern.compile("全款|全额|全部退|退全|full refund|full amount|in full|refund (it )?all");
    private static final Pattern PARTIAL = Pattern.compile(
            "部分退款|退一半|差价|补偿|退点钱|运费|partial refund|difference|shipping fee|the discount");
    private static final Pattern OPENED = Pattern.compile(
            "(?<![没未不])(拆封|拆开|打开|用过|穿过|穿了|洗过|洗了|吊牌剪)|(?<!un)opened|\\bused\\b|\\bworn\\b|\\bwore\\b|washed|tags? (removed|off)");
    private static final Pattern DEFECT = Pattern.compile(
            "(?<!不是)(?<!没有)(质量|坏|破损|瑕疵|开线|脱线|掉色|划痕|故障|杂音|开胶|起球|碎|裂|漏|假货|假的|破|洞|污渍|味道)|defect|broken|broke\\b|damaged|faulty"
                    + "|crack|scratch|ripped|tear\\b|leaks?\\b|stopped working|doesn'?t turn on|fake|spoiled|smells");

    private static final Map<String, String> TYPOS = new LinkedHashMap<>();
    private static final Map<Character, Character> TRADITIONAL = new LinkedHashMap<>();
    private static final List<String> EN_VOCABULARY = List.of("refund", "return", "returning", "exchange", "replacement",
            "replace", "received", "receive", "cancel", "cancelled", "shipped", "arrived", "package", "parcel", "defective",
            "damaged", "instead", "money");
    private static final Set<String> EN_KNOWN = Set.of("large", "change", "charge", "changed", "charged", "resend", "recent",
            "receipt", "remove", "refill", "retune", "parcels", "arrive", "arrives", "returns", "refunds", "refunded",
            "returned", "exchanged", "replaced", "damage", "cancels", "canceled", "packages", "exchanges", "money's");

    static {
        TYPOS.put("tui kuan", "退款");
        TYPOS.put("tuikuan", "退款");
        TYPOS.put("tui huo", "退货");
        TYPOS.put("tuihuo", "退货");
        TYPOS.put("huan huo", "换货");
        TYPOS.put("huanhuo", "换货");
        TYPOS.put("退huo", "退货");
        TYPOS.put("换huo", "换货");
        TYPOS.put("退kuan", "退款");
        TYPOS.put("退宽", "退款");
        TYPOS.put("退歀", "退款");
        TYPOS.put("退欵", "退款");
        TYPOS.put("换贷", "换货");
        TYPOS.put("寄会", "寄回");
        TYPOS.put("n refund", "and refund");
        TYPOS.put(" u ", " you ");
        TYPOS.put(" pls", " please");
        TYPOS.put(" plz", " please");
        String trad = "貨换換碼個嗎還沒發錢對退寄來這們給號顏黑紅藍綠買賣寬張條雙";
        String simp = "货换换码个吗还没发钱对退寄来这们给号颜黑红蓝绿买卖宽张条双";
        for (int i = 0; i < trad.length(); i++) {
            TRADITIONAL.put(trad.charAt(i), simp.charAt(i));
        }
    }

    public Classification classify(String text) {
        return classify(text, DEFAULT_MIN_CONFIDENCE);
    }

    public Classification classify(String text, double minConfidence) {
        String original = text == null ? "" : Normalizer.normalize(text, Normalizer.Form.NFKC).trim();
        String norm = normalize(original);
        List<String> clauses = splitClauses(norm);
        List<Hit> hits = new ArrayList<>();
        for (int c = 0; c < clauses.size(); c++) {
            scan(clauses.get(c), c, hits);
        }
        EnumSet<ReturnFlag> flags = EnumSet.noneOf(ReturnFlag.class);
        List<String> evidence = new ArrayList<>();
        int exchange = 0;
        int weakExchange = 0;
        int money = 0;
        int goods = 0;
        int weakGoods = 0;
        int noShip = 0;
        int received = 0;
        int lastExchangeClause = -1;
        int lastBackClause = -1;
        for (Hit h : hits) {
            evidence.add((h.negated ? "not " : "") + h.cue.name().toLowerCase(Locale.ROOT) + ": " + h.text);
            switch (h.cue) {
                case EXCHANGE, WEAK_EXCHANGE -> {
                    if (h.negated) {
                        flags.add(ReturnFlag.EXCHANGE_DECLINED);
                    } else {
                        if (h.cue == Cue.EXCHANGE) {
                            exchange++;
                        } else {
                            weakExchange++;
                        }
                        lastExchangeClause = h.clause;
                    }
                }
                case EXCHANGE_NO -> flags.add(ReturnFlag.EXCHANGE_DECLINED);
                case BACK_NO -> flags.add(ReturnFlag.REFUND_DECLINED);
                case MONEY -> {
                    if (h.negated) {
                        flags.add(ReturnFlag.REFUND_DECLINED);
                    } else {
                        money++;
                        lastBackClause = h.clause;
                    }
                }
                case GOODS, WEAK_GOODS -> {
                    if (h.negated) {
                        if (h.text.startsWith("退货退款") || h.text.startsWith("退")) {
                            flags.add(ReturnFlag.REFUND_DECLINED);
                        } else {
                            noShip++;
                        }
                    } else {
                        if (h.cue == Cue.GOODS) {
                            goods++;
                        } else {
                            weakGoods++;
                        }
                        lastBackClause = h.clause;
                    }
                }
                case NO_SHIP -> noShip++;
                case RECEIVED -> received++;
                default -> {
                }
            }
        }
        if (received > 0) {
            flags.add(ReturnFlag.GOODS_RECEIVED);
        }
        boolean notReceived = hits.stream().anyMatch(h -> h.cue == Cue.NO_SHIP && h.text.matches(
                ".*(没收到|未收到|没有收到|没拿到|没到|丢|received|arrived|came|got|lost|stolen|not here).*"));
        if (notReceived) {
            flags.add(ReturnFlag.NOT_RECEIVED);
        }
        if (FULL.matcher(norm).find()) {
            flags.add(ReturnFlag.FULL_REFUND);
        }
        if (PARTIAL.matcher(norm).find()) {
            flags.add(ReturnFlag.PARTIAL_REFUND);
        }
        if (OPENED.matcher(norm).find()) {
            flags.add(ReturnFlag.OPENED);
        }
        if (DEFECT.matcher(norm).find()) {
            flags.add(ReturnFlag.DEFECTIVE);
        }
        String size = desiredSize(norm);
        String colour = desiredColour(norm);
        String sku = desiredSku(original);

        boolean wantsExchange = exchange + weakExchange > 0;
        boolean wantsBack = money + goods + weakGoods > 0;
        Intent intent;
        double confidence;
        if (wantsExchange && !wantsBack) {
            intent = Intent.EXCHANGE;
            confidence = exchange > 0 ? 0.9 : 0.75;
            if (size != null || colour != null || sku != null || flags.contains(ReturnFlag.REFUND_DECLINED)) {
                confidence += 0.05;
            }
        } else if (wantsExchange) {
            if (AMBIGUOUS.matcher(norm).find() || lastExchangeClause == lastBackClause) {
                intent = lastExchangeClause > lastBackClause ? Intent.EXCHANGE : backIntent(goods, weakGoods, money, noShip, received);
                confidence = 0.4;
            } else if (lastExchangeClause > lastBackClause) {
                intent = Intent.EXCHANGE;
                confidence = 0.72;
            } else {
                intent = backIntent(goods, weakGoods, money, noShip, received);
                confidence = 0.72;
            }
        } else if (wantsBack || noShip > 0) {
            intent = backIntent(goods, weakGoods, money, noShip, received);
            if (noShip > 0 || goods > 0) {
                confidence = 0.9;
            } else if (money > 0) {
                confidence = 0.8;
            } else {
                confidence = received > 0 ? 0.78 : 0.72;
            }
            if (!wantsBack && noShip > 0 && money == 0) {
                // "not shipped yet, cancel it": a cancellation is a refund only, but say so less loudly
                confidence = 0.8;
            }
        } else if (size != null && !flags.contains(ReturnFlag.EXCHANGE_DECLINED)) {
            intent = Intent.EXCHANGE;
            confidence = 0.72;
        } else {
            intent = null;
            confidence = flags.contains(ReturnFlag.EXCHANGE_DECLINED) || flags.contains(ReturnFlag.REFUND_DECLINED) ? 0.4 : 0.2;
        }
        if (intent == Intent.REFUND_ONLY) {
            flags.add(ReturnFlag.NO_RETURN_SHIPMENT);
        }
        if (intent == Intent.EXCHANGE) {
            if (size != null) {
                flags.add(ReturnFlag.DESIRED_SIZE);
            }
            if (colour != null) {
                flags.add(ReturnFlag.DESIRED_COLOUR);
            }
            if (sku != null) {
                flags.add(ReturnFlag.DESIRED_SKU);
            }
        } else {
            size = null;
            colour = null;
            sku = null;
        }
        confidence = Math.min(1.0, confidence);
        boolean review = intent == null || confidence < minConfidence;
        return new Classification(intent, confidence, review, flags, size, colour, sku, evidence);
    }

    private static Intent backIntent(int goods, int weakGoods, int money, int noShip, int received) {
        if (noShip > 0) {
            return Intent.REFUND_ONLY;
        }
        if (goods + weakGoods > 0) {
            return Intent.RETURN_AND_REFUND;
        }
        return received > 0 ? Intent.RETURN_AND_REFUND : Intent.REFUND_ONLY;
    }

    // ---- text preparation ---------------------------------------------------------------------------------------

    static String normalize(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (char ch : text.toLowerCase(Locale.ROOT).toCharArray()) {
            sb.append(TRADITIONAL.getOrDefault(ch, ch));
        }
        String t = " " + sb.toString().replace('’', '\'').replace('‘', '\'') + " ";
        for (Map.Entry<String, String> e : TYPOS.entrySet()) {
            t = t.replace(e.getKey(), e.getValue());
        }
        return correctEnglish(t).trim().replaceAll("\\s+", " ");
    }

    /** Words one edit (two for long words) away from a cue word are read as that word: "refnud", "exhcange", "retrun". */
    private static String correctEnglish(String t) {
        Matcher m = Pattern.compile("[a-z']{4,}").matcher(t);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String word = m.group();
            String replacement = word;
            if (!EN_KNOWN.contains(word) && !EN_VOCABULARY.contains(word)) {
                for (String v : EN_VOCABULARY) {
                    int allowed = v.length() >= 8 ? 2 : 1;
                    if (v.length() >= 5 && Math.abs(v.length() - word.length()) <= allowed && distance(word, v) <= allowed) {
                        replacement = v;
                        break;
                    }
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    private static List<String> splitClauses(String norm) {
        List<String> clauses = new ArrayList<>();
        for (String c : CLAUSE_SPLIT.split(norm)) {
            if (!c.isBlank()) {
                clauses.add(c.trim());
            }
        }
        return clauses;
    }

    private static void scan(String clause, int index, List<Hit> hits) {
        boolean[] used = new boolean[clause.length()];
        for (Rule rule : RULES) {
            Matcher m = rule.pattern.matcher(clause);
            while (m.find()) {
                if (m.end() == m.start() || overlaps(used, m.start(), m.end())) {
                    continue;
                }
                if (isLatin(rule.pattern.pattern()) && !wordBounded(clause, m.start(), m.end())) {
                    continue;
                }
                for (int i = m.start(); i < m.end(); i++) {
                    used[i] = true;
                }
                boolean negated = rule.negatable && negated(clause, m.start(), m.end());
                hits.add(new Hit(rule.cue, negated, index, m.group()));
            }
        }
    }

    private static boolean isLatin(String regex) {
        return regex.chars().anyMatch(ch -> ch >= 'a' && ch <= 'z') && regex.chars().noneMatch(ch -> ch >= 0x4e00);
    }

    private static boolean wordBounded(String s, int start, int end) {
        boolean left = start == 0 || !Character.isLetter(s.charAt(start - 1)) || s.charAt(start - 1) >= 0x3000;
        boolean right = end >= s.length() || !Character.isLetter(s.charAt(end)) || s.charAt(end) >= 0x3000
                || s.substring(end).matches("^(s|ed|ing|d)\\b.*");
        return left && right;
    }

    private static boolean overlaps(boolean[] used, int start, int end) {
        for (int i = start; i < end; i++) {
            if (used[i]) {
                return true;
            }
        }
        return false;
    }

    private static boolean negated(String clause, int start, int end) {
        String before = clause.substring(0, start);
        String after = clause.substring(end);
        if (ZH_NEGATION.matcher(before.length() > 10 ? before.substring(before.length() - 10) : before).find()) {
            return true;
        }
        if (ZH_POSTPOSED_NEGATION.matcher(after).find() || EN_NEEDED_AFTER.matcher(after).find()) {
            return true;
        }
        // English: a negator followed only by filler words up to the cue ("don't want a refund", "not looking for my money back")
        String[] words = before.trim().split("[^a-z']+");
        for (int i = words.length - 1, seen = 0; i >= 0 && seen < 5; i--, seen++) {
            String w = words[i];
            if (w.isEmpty()) {
                continue;
            }
            if (EN_NEGATORS.matcher(w).matches() || w.equals("dont") || w.equals("don't")) {
                return true;
            }
            if (i > 0 && (words[i - 1] + " " + w).matches("do not|rather not|instead of")) {
                return true;
            }
            if (!EN_FILLER.contains(w)) {
                return false;
            }
        }
        return false;
    }

    // ---- what the customer asks for ----------------------------------------------------------------------------

    private static final Pattern ZH_RELATIVE_SIZE = Pattern.compile("(大|小)(一|1|两|2|半)个?(码|号|size)");
    private static final Pattern ZH_ANCHORED_SIZE = Pattern.compile(
            "(?:换成?|要|改成|换个|换一双|调换成?|给我换)\\s*(\\d{2}(?:\\.5)?|xxxl|xxl|xl|xs|[sml])(?![a-z])");
    private static final Pattern X_TO_Y = Pattern.compile("(?:\\d{2}|xxl|xl|xs|[sml])换(\\d{2}|xxxl|xxl|xl|xs|[sml])(?![a-z])");
    private static final Pattern ZH_SIZE = Pattern.compile("(\\d{2}(?:\\.5)?|xxxl|xxl|xl|xs|(?<![a-z])[sml])\\s*(?:码|号|size)");
    private static final Pattern EN_RELATIVE_UP = Pattern.compile("(one|a) size (up|bigger|larger)|size up|(bigger|larger) size|a size bigger");
    private static final Pattern EN_RELATIVE_DOWN = Pattern.compile("(one|a) size (down|smaller)|size down|smaller size");
    private static final Pattern EN_SIZE = Pattern.compile(
            "size (\\d{1,2}(?:\\.5)?|xxs|xs|xxl|xl|s|m|l)\\b|(?:for|to|in|into) (?:a |an )?(small|medium|large|x-large|xxl|xl|xs|s|m|l)\\b"
                    + "|\\bin (?:an? )?(\\d{1,2}(?:\\.5)?)\\b|send (?:me )?the (\\d{1,2})\\b|(?:for|to) (xxl|xl|xs)\\b|\\b(xxl|xl|xs|[sml]) size");

    static String desiredSize(String t) {
        Matcher m = ZH_RELATIVE_SIZE.matcher(t);
        if (m.find()) {
            String step = switch (m.group(2)) {
                case "两", "2" -> "2";
                case "半" -> "0.5";
                default -> "1";
            };
            return (m.group(1).equals("大") ? "+" : "-") + step;
        }
        if (EN_RELATIVE_UP.matcher(t).find()) {
            return "+1";
        }
        if (EN_RELATIVE_DOWN.matcher(t).find()) {
            return "-1";
        }
        for (Pattern p : List.of(X_TO_Y, ZH_ANCHORED_SIZE, EN_SIZE, ZH_SIZE)) {
            Matcher s = p.matcher(t);
            String last = null;
            while (s.find()) {
                for (int g = 1; g <= s.groupCount(); g++) {
                    if (s.group(g) != null) {
                        last = s.group(g);
                        break;
                    }
                }
                if (p != ZH_SIZE && last != null) {
                    break;
                }
            }
            if (last != null) {
                return sizeName(last);
            }
        }
        return null;
    }

    private static String sizeName(String s) {
        return switch (s) {
            case "small" -> "S";
            case "medium" -> "M";
            case "large" -> "L";
            case "x-large" -> "XL";
            default -> s.toUpperCase(Locale.ROOT);
        };
    }

    private static final Map<String, String> COLOURS = new LinkedHashMap<>();

    static {
        COLOURS.put("藏青", "navy");
        COLOURS.put("米白", "off-white");
        COLOURS.put("卡其", "khaki");
        COLOURS.put("酒红", "burgundy");
        COLOURS.put("咖啡", "brown");
        COLOURS.put("黑", "black");
        COLOURS.put("白", "white");
        COLOURS.put("红", "red");
        COLOURS.put("蓝", "blue");
        COLOURS.put("绿", "green");
        COLOURS.put("黄", "yellow");
        COLOURS.put("灰", "grey");
        COLOURS.put("粉", "pink");
        COLOURS.put("紫", "purple");
        COLOURS.put("棕", "brown");
        for (String c : List.of("black", "white", "red", "blue", "green", "yellow", "grey", "gray", "pink", "purple",
                "brown", "beige", "navy", "khaki")) {
            COLOURS.put(c, c.equals("gray") ? "grey" : c);
        }
    }

    private static final Pattern COLOUR_WORD;
    private static final Pattern COLOUR_ANCHORED;

    static {
        String alternatives = String.join("|", COLOURS.keySet());
        COLOUR_WORD = Pattern.compile("(" + alternatives + ")(?:色|的|\\b| one| version)");
        COLOUR_ANCHORED = Pattern.compile("(?:换成?|要|改成|换个|给我换|换一个|in|to|for|the)\\s*(?:the )?(" + alternatives + ")(?:色|的|\\b)");
    }

    static String desiredColour(String t) {
        Matcher m = COLOUR_ANCHORED.matcher(t);
        String found = null;
        while (m.find()) {
            String before = t.substring(0, m.start());
            if (!before.matches("(?s).*(收到的是|发的是|got|received|but got)\\s*$")) {
                found = m.group(1);
            }
        }
        if (found == null) {
            Matcher w = COLOUR_WORD.matcher(t);
            while (w.find()) {
                String before = t.substring(0, w.start());
                if (!before.matches("(?s).*(收到的是|发的是|got|received)\\s*$")) {
                    found = w.group(1);
                }
            }
        }
        return found == null ? null : COLOURS.get(found);
    }

    private static final Pattern SKU = Pattern.compile(
            "(?i)(?<![A-Z0-9])(SKU-[A-Z0-9][A-Z0-9-_]*)|(?:sku|货号|款号|编码|item code)\\s*[:：#]?\\s*([A-Z0-9][A-Z0-9-_]{2,})");

    static String desiredSku(String original) {
        Matcher m = SKU.matcher(original);
        String found = null;
        while (m.find()) {
            found = m.group(1) != null ? m.group(1) : m.group(2);
        }
        return found == null ? null : found.toUpperCase(Locale.ROOT);
    }
}
