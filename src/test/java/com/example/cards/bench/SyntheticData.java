package com.example.cards.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * Writes synthetic input for {@code jobs/benchmark.sh}: {@code requests.csv} with N
 * requests, {@code members.csv} with the members they name, and {@code products.csv}
 * (BINs starting with 9). Not a test: a tool run from the test classpath. Everything
 * streams, so N = 10,000,000 needs no more memory than N = 100.
 *
 * <p>
 * About 90% of the requests are valid; the rest carry a realistic mix of result codes:
 * format errors (000_002), duplicates (900_001), unknown and withdrawn members (001_006),
 * inactive product (000_002 serviceId), wrong bank (003_060), issue type not offered
 * (003_061), no cash-IC applet (003_062), no pre-issue type (003_065), no sibling
 * (003_066), RRN mismatch (003_063) and no mobile wallet (003_064). A quarter of the
 * valid ones are PRE_ISSUE (a mobile card as well), a tenth are held for branch pickup,
 * and a third go to a few shared office addresses. The same seed gives the same files.
 *
 * <p>
 * No BIN is a prefix of another: sample-input/products.csv pairs 941100 with the mobile
 * BIN 94110099, and since card numbers are unique per BIN (FF1 over the free digits), a
 * 941100 number whose free digits start with 99 can equal a 94110099 number. At a million
 * cards that collision is near certain and the card table's unique key fails the job.
 *
 * <pre>java -cp target/test-classes com.example.cards.bench.SyntheticData N OUTPUT_DIR [SEED]</pre>
 */
public final class SyntheticData {

    static final String PRODUCTS = """
            serviceId,productName,bankCode,kind,issueTypes,cashIc,preIssue,siblingServiceId,bin,cardLength,validityMonths,deliveryClass,status
            DEBIT0000000001,Everyday Debit,088,DEBIT,PHYSICAL|PRE_ISSUE,Y,Y,DIGIT0000000001,941100,16,60,STANDARD,ACTIVE
            DIGIT0000000001,Everyday Mobile,088,DIGITAL,PRE_ISSUE,N,Y,,95110099,16,60,STANDARD,ACTIVE
            DEBIT0000000002,Corporate Debit,088,DEBIT,PHYSICAL,N,N,,94120000,16,36,STANDARD,ACTIVE
            DEBIT0000000003,Premium Debit,004,DEBIT,PHYSICAL|PRE_ISSUE,Y,Y,,943000,16,60,HOLDER_ONLY,ACTIVE
            DEBIT0000000004,Retired Debit,088,DEBIT,PHYSICAL,Y,N,,944000,16,60,STANDARD,INACTIVE
            DEBIT0000000005,Campus Debit,011,DEBIT,PHYSICAL|PRE_ISSUE,Y,N,,945000,16,48,STANDARD,ACTIVE
            """;

    static final String REQUEST_HEADER = "requestId,userId,userName,engName,socialNo,mobileNumber,existOcrFile,"
            + "bankCode,accountNo,serviceId,issueType,withCashIc,isDeliveryRequired,zipCode,address,addressDetail";

    private static final String[] SURNAMES = { "김", "이", "박", "최", "정", "강", "조", "윤", "장", "임", "한", "오", "서", "신" };

    private static final String[] SURNAMES_EN = { "KIM", "LEE", "PARK", "CHOI", "JUNG", "KANG", "CHO", "YOON", "JANG",
            "LIM", "HAN", "OH", "SEO", "SHIN" };

    private static final String[] GIVEN = { "민준", "서연", "지훈", "수아", "도윤", "하은", "예준", "지우", "시우", "서윤", "주원", "하린",
            "지호", "채원", "건우", "지민" };

    private static final String[] GIVEN_EN = { "MINJUN", "SEOYEON", "JIHOON", "SUA", "DOYUN", "HAEUN", "YEJUN", "JIWOO",
            "SIWOO", "SEOYUN", "JUWON", "HARIN", "JIHO", "CHAEWON", "GEONWOO", "JIMIN" };

    /** zip code, road-name address: a few dozen streets across the country. */
    private static final String[][] STREETS = { { "06236", "서울특별시 강남구 테헤란로" }, { "04524", "서울특별시 중구 세종대로" },
            { "03154", "서울특별시 종로구 종로" }, { "07327", "서울특별시 영등포구 여의대로" }, { "05551", "서울특별시 송파구 올림픽로" },
            { "13494", "경기도 성남시 분당구 판교역로" }, { "16514", "경기도 수원시 영통구 광교로" }, { "21984", "인천광역시 연수구 컨벤시아대로" },
            { "48058", "부산광역시 해운대구 센텀중앙로" }, { "41931", "대구광역시 중구 동덕로" }, { "61945", "광주광역시 서구 상무중앙로" },
            { "35208", "대전광역시 서구 둔산로" }, { "44677", "울산광역시 남구 삼산로" }, { "30103", "세종특별자치시 한누리대로" },
            { "63309", "제주특별자치도 제주시 첨단로" }, { "54896", "전북특별자치도 전주시 덕진구 기린대로" } };

    /**
     * Corporate rollouts: many employees' plastics go to one office address (one parcel
     * per address).
     */
    private static final String[][] OFFICES = { { "06236", "서울특별시 강남구 테헤란로 152", "강남파이낸스센터 20층" },
            { "13494", "경기도 성남시 분당구 판교역로 235", "에이치스퀘어 N동 7층" }, { "48058", "부산광역시 해운대구 센텀중앙로 79", "" },
            { "07327", "서울특별시 영등포구 여의대로 108", "파크원 타워1, 32층" } };

    private final SplittableRandom random;

    SyntheticData(long seed) {
        this.random = new SplittableRandom(seed);
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: SyntheticData N OUTPUT_DIR [SEED]");
            System.exit(2);
        }
        long n = Long.parseLong(args[0]);
        Path dir = Path.of(args[1]);
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 20261124L;
        Files.createDirectories(dir);
        long[] counts = new SyntheticData(seed).write(n, dir);
        System.out.printf("Wrote %d requests (%d expected valid), %d members, 6 products to %s%n", n, counts[0],
                counts[1], dir.toAbsolutePath());
    }

    /** Returns {requests expected to be issued, members written}. */
    long[] write(long n, Path dir) throws IOException {
        Files.writeString(dir.resolve("products.csv"), PRODUCTS, StandardCharsets.UTF_8);
        long issued = 0;
        long members = 0;
        try (Writer requests = writer(dir.resolve("requests.csv"));
                Writer memberFile = writer(dir.resolve("members.csv"))) {
            requests.write(REQUEST_HEADER);
            requests.write('\n');
            memberFile.write("userId,userName,socialNo,status,mobileWallet\n");
            String previousRequestId = null;
            StringBuilder line = new StringBuilder(256);
            for (long i = 1; i <= n; i++) {
                Person p = person(i);
                Case c = chooseCase();
                // The member row: every request has its own member, except the
                // unknown-member cases.
                if (c != Case.UNKNOWN_MEMBER) {
                    String status = c == Case.WITHDRAWN_MEMBER ? (i % 2 == 0 ? "WITHDRAWN" : "DORMANT") : "ACTIVE";
                    // Members without a wallet are fine unless they ask for a mobile
                    // card.
                    String wallet = c == Case.NO_WALLET || (c != Case.VALID_PRE_ISSUE && random.nextInt(10) == 0) ? "N"
                            : "Y";
                    memberFile.write(p.userId + "," + p.name + "," + p.rrn + "," + status + "," + wallet + "\n");
                    members++;
                }
                Request r = request(i, p, c);
                if (c == Case.DUPLICATE && previousRequestId != null) {
                    r.requestId = previousRequestId;
                }
                if (c == Case.VALID || c == Case.VALID_PRE_ISSUE) {
                    issued++;
                }
                previousRequestId = r.requestId;
                line.setLength(0);
                r.appendTo(line);
                requests.append(line);
            }
        }
        return new long[] { issued, members };
    }

    private static Writer writer(Path file) throws IOException {
        return new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16);
    }

    enum Case {

        VALID, VALID_PRE_ISSUE, FORMAT_ERROR, DUPLICATE, UNKNOWN_MEMBER, WITHDRAWN_MEMBER, INACTIVE_PRODUCT, WRONG_BANK,
        ISSUE_TYPE_NOT_OFFERED, NO_CASH_IC, NOT_PRE_ISSUE, NO_SIBLING, RRN_MISMATCH, NO_WALLET

    }

    /** Per mille: about 90% valid, the rest spread over every rejection code. */
    private Case chooseCase() {
        int r = random.nextInt(1000);
        if (r < 675) {
            return Case.VALID;
        }
        if (r < 900) {
            return Case.VALID_PRE_ISSUE;
        }
        if (r < 930) {
            return Case.FORMAT_ERROR;
        }
        if (r < 940) {
            return Case.DUPLICATE;
        }
        if (r < 955) {
            return Case.UNKNOWN_MEMBER;
        }
        if (r < 962) {
            return Case.WITHDRAWN_MEMBER;
        }
        if (r < 968) {
            return Case.INACTIVE_PRODUCT;
        }
        if (r < 973) {
            return Case.WRONG_BANK;
        }
        if (r < 978) {
            return Case.ISSUE_TYPE_NOT_OFFERED;
        }
        if (r < 983) {
            return Case.NO_CASH_IC;
        }
        if (r < 987) {
            return Case.NOT_PRE_ISSUE;
        }
        if (r < 991) {
            return Case.NO_SIBLING;
        }
        if (r < 996) {
            return Case.RRN_MISMATCH;
        }
        return Case.NO_WALLET;
    }

    record Person(String userId, String name, String engName, String rrn) {
    }

    private Person person(long i) {
        int s = random.nextInt(SURNAMES.length);
        int g = random.nextInt(GIVEN.length);
        // 1% of user ids are larger than a Java long (up to 19 digits).
        String userId = random.nextInt(100) == 0 ? "93" + String.format("%017d", i) : Long.toString(10_000_000L + i);
        return new Person(userId, SURNAMES[s] + GIVEN[g], SURNAMES_EN[s] + " " + GIVEN_EN[g], rrn());
    }

    /**
     * A synthetic RRN in the valid format: a real birth date, the century digit, six
     * random digits.
     */
    private String rrn() {
        LocalDate birth = LocalDate.of(1950, 1, 1).plusDays(random.nextInt(20_000));
        boolean male = random.nextBoolean();
        int century = birth.getYear() < 2000 ? (male ? 1 : 2) : (male ? 3 : 4);
        return String.format("%02d%02d%02d-%d%06d", birth.getYear() % 100, birth.getMonthValue(), birth.getDayOfMonth(),
                century, random.nextInt(1_000_000));
    }

    static final class Request {

        String requestId;

        String userId;

        String userName;

        String engName;

        String socialNo;

        String mobile;

        String ocr = "Y";

        String bankCode = "088";

        String accountNo;

        String serviceId = "DEBIT0000000001";

        String issueType = "PHYSICAL";

        String cashIc = "N";

        String delivery = "Y";

        String zip = "";

        String address = "";

        String detail = "";

        void appendTo(StringBuilder b) {
            String[] values = { requestId, userId, userName, engName, socialNo, mobile, ocr, bankCode, accountNo,
                    serviceId, issueType, cashIc, delivery, zip, address, detail };
            for (int k = 0; k < values.length; k++) {
                if (k > 0) {
                    b.append(',');
                }
                String v = values[k];
                if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0) {
                    b.append('"').append(v.replace("\"", "\"\"")).append('"');
                }
                else {
                    b.append(v);
                }
            }
            b.append('\n');
        }

    }

    private Request request(long i, Person p, Case c) {
        Request r = new Request();
        r.requestId = "REQ-" + i;
        r.userId = c == Case.UNKNOWN_MEMBER ? Long.toString(90_000_000_000L + i) : p.userId;
        r.userName = p.name;
        r.engName = p.engName;
        r.socialNo = random.nextBoolean() ? p.rrn : p.rrn.replace("-", "");
        int a = random.nextInt(10_000);
        int b = random.nextInt(10_000);
        r.mobile = switch (random.nextInt(4)) {
            case 0 -> String.format("010%04d%04d", a, b);
            case 1 -> String.format("+82 10 %04d %04d", a, b);
            default -> String.format("010-%04d-%04d", a, b);
        };
        r.accountNo = String.format("110-%03d-%06d", random.nextInt(1000), random.nextInt(1_000_000));
        int where = random.nextInt(10);
        if (where == 0) {
            r.delivery = "N"; // held for branch pickup: no address needed
        }
        else if (where <= 3) {
            String[] office = OFFICES[random.nextInt(OFFICES.length)];
            r.zip = office[0];
            r.address = office[1];
            r.detail = office[2];
        }
        else {
            String[] street = STREETS[random.nextInt(STREETS.length)];
            r.zip = street[0];
            r.address = street[1] + " " + (1 + random.nextInt(300));
            r.detail = random.nextInt(3) == 0 ? "" : (1 + random.nextInt(30)) + "층 " + (101 + random.nextInt(20)) + "호";
        }
        int product = random.nextInt(20);
        if (product < 5) {
            r.serviceId = "DEBIT0000000002"; // physical only, no cash IC
        }
        else if (product == 5) {
            r.serviceId = "DEBIT0000000003"; // another bank's premium card, handed over
                                             // to the holder only
            r.bankCode = "004";
            r.cashIc = "Y";
        }
        else {
            r.cashIc = random.nextBoolean() ? "Y" : "N";
        }
        switch (c) {
            case VALID_PRE_ISSUE, NO_WALLET -> {
                r.serviceId = "DEBIT0000000001";
                r.bankCode = "088";
                r.issueType = "PRE_ISSUE";
            }
            case FORMAT_ERROR -> formatError(r);
            case INACTIVE_PRODUCT -> r.serviceId = "DEBIT0000000004";
            case WRONG_BANK -> {
                r.serviceId = "DEBIT0000000003"; // bank 004
                r.bankCode = "088";
            }
            case ISSUE_TYPE_NOT_OFFERED -> {
                r.serviceId = "DEBIT0000000002";
                r.bankCode = "088";
                r.issueType = "PRE_ISSUE";
                r.cashIc = "N";
            }
            case NO_CASH_IC -> {
                r.serviceId = "DEBIT0000000002";
                r.bankCode = "088";
                r.cashIc = "Y";
            }
            case NOT_PRE_ISSUE -> {
                r.serviceId = "DEBIT0000000005";
                r.bankCode = "011";
                r.issueType = "PRE_ISSUE";
            }
            case NO_SIBLING -> {
                r.serviceId = "DEBIT0000000003";
                r.bankCode = "004";
                r.issueType = "PRE_ISSUE";
            }
            case RRN_MISMATCH -> r.socialNo = rrn();
            default -> {
            }
        }
        return r;
    }

    private void formatError(Request r) {
        switch (random.nextInt(6)) {
            case 0 -> r.socialNo = "990230-1234567"; // 30 February
            case 1 -> r.mobile = "011-123-4567";
            case 2 -> {
                r.delivery = "Y";
                r.zip = "99999";
                r.address = "서울특별시 강남구 테헤란로 1";
            }
            case 3 -> r.engName = "홍길동";
            case 4 -> r.accountNo = "12-34";
            default -> r.issueType = "VIRTUAL";
        }
    }

}
