package com.example.cards.run;

import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.example.cards.request.ResultCode;

/**
 * Which rejections a rerun may retry. By default the retryable ones
 * ({@link ResultCode#retryable()}: their cause is fixed outside the request, in the
 * platform's own data). Product-rule codes are retried only when asked for by name (a
 * product can be corrected too). Format errors and duplicates never: the record itself is
 * wrong and needs a corrected file.
 */
public final class RerunCodes {

    static final Set<ResultCode> DEFAULT = ResultCode.retryable();

    private RerunCodes() {
    }

    /**
     * The codes named in {@code codes} (comma-separated), or the default ones when it is
     * empty.
     */
    public static Set<ResultCode> parse(String codes) {
        if (codes == null || codes.isBlank()) {
            return EnumSet.copyOf(DEFAULT);
        }
        Set<ResultCode> parsed = EnumSet.noneOf(ResultCode.class);
        for (String code : codes.split(",")) {
            String trimmed = code.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            ResultCode resultCode;
            try {
                resultCode = ResultCode.ofCode(trimmed);
            }
            catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("unknown result code '" + trimmed + "' in codes");
            }
            String refusal = refusal(resultCode);
            if (refusal != null) {
                throw new IllegalArgumentException(refusal);
            }
            parsed.add(resultCode);
        }
        if (parsed.isEmpty()) {
            throw new IllegalArgumentException("codes names no result code");
        }
        return parsed;
    }

    /** The canonical form stored and passed on: codes sorted and comma-separated. */
    public static String format(Set<ResultCode> codes) {
        return codes.stream()
            .map(ResultCode::code)
            .collect(Collectors.toCollection(TreeSet::new))
            .stream()
            .collect(Collectors.joining(","));
    }

    private static String refusal(ResultCode code) {
        return switch (code) {
            case SUCCESS -> "000_000 is not rerunnable: issued requests are never issued again";
            case INVALID_INPUT -> "000_002 is not rerunnable: a format error needs a corrected file. Correct the "
                    + "records in the batch's rejections file and submit them as a new batch";
            case DUPLICATE_IN_BATCH -> "900_001 is not rerunnable: a duplicate requestId stays a duplicate. Submit the "
                    + "request under its own requestId in a new batch";
            default -> null;
        };
    }

}
