package dev.wscheck.remediation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The data-driven translator: whole sentences from templates, values translated only when they are sentences themselves. */
class TranslatorTest {
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("a refused connect", "direct => drp-nrt.amazonworkspaces.com:4172: connection refused",
                        "直接 => drp-nrt.amazonworkspaces.com:4172: 接続が拒否されました"),
                Arguments.of("a DNS timeout", "198.18.2.2:53 => connectivity.amazonworkspaces.com: no answer within 5000 ms",
                        "198.18.2.2:53 => connectivity.amazonworkspaces.com: 5000 ms 以内に応答がありません"),
                Arguments.of("a code stays a code", "198.18.2.2:53 => connectivity.amazonworkspaces.com: NXDOMAIN",
                        "198.18.2.2:53 => connectivity.amazonworkspaces.com: NXDOMAIN"),
                Arguments.of("a silent UDP port", "direct => drp-nrt.amazonworkspaces.com:4172: no reply to 3 datagrams within 5000 ms",
                        "直接 => drp-nrt.amazonworkspaces.com:4172: データグラム 3 個に 5000 ms 以内の応答がありません"),
                Arguments.of("a latency verdict", "median round trip 151 ms is above 100 ms, the best-experience bound for PCoIP",
                        "往復遅延の中央値 151 ms が、PCoIP を快適に使える上限 100 ms を超えています"),
                Arguments.of("a verdict note", "optional: only some sites need this", "任意: 一部の拠点でのみ必要です"),
                Arguments.of("a text with no template stays as written", "something new a later version says", "something new a later version says"),
                Arguments.of("a proxy path", "via http://198.18.1.1:3128 => s3.amazonaws.com:443: connection reset",
                        "via http://198.18.1.1:3128 => s3.amazonaws.com:443: 接続がリセットされました"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void englishIntoJapaneseAndBack(String name, String english, String japanese) {
        assertEquals(japanese, Translator.into(Locale.JAPANESE).text(english));
        assertEquals(english, Translator.into(Locale.ENGLISH).text(japanese));
    }
}
