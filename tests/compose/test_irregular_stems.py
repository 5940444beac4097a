"""Irregular stems keep their conjugation when an ending is rewritten (잇다 → 이었습니다, not 잇었습니다)."""

from __future__ import annotations

from pathlib import Path

import pytest

from haesol.pipeline import WriteOptions, write

RELEASE = """보도자료
보도일시 2026. 10. 14.(수) 12:00   배포일시 2026. 10. 14.(수) 09:00

해양수산부, 3분기 수산물 수출 실적 발표

해양수산부는 올해 3분기 수산물 수출액이 8억 2천만 달러로 지난해보다 12.4% 증가했다고 14일 밝혔다.

미국이 1억 9천만 달러로 가장 많았고, 일본과 중국이 뒤를 이었다.

해양수산부는 수출 기업 120곳의 의견을 들었다.

정부는 수출 기업의 해외 인증 비용을 도왔다.

참가 기업들은 상담회에서 새 거래처를 불렀다.

담당 부서	수산정책실 수출가공진흥과	책임자	과장 배지훈 (044-200-5710)
"""
# stem classes: ㅅ-irregular (잇다), ㄷ-irregular (듣다), ㅂ-irregular (돕다), 르-irregular (부르다)
EXPECTED = {
    "news": ("뒤를 이었다.", "의견을 들었다.", "비용을 도왔다.", "거래처를 불렀다."),
    "polite": ("뒤를 이었습니다.", "의견을 들었습니다.", "비용을 도왔습니다.", "거래처를 불렀습니다."),
}
WRONG = ("잇었", "듣었", "돕었", "부르었")


@pytest.mark.parametrize("style", ["news", "polite"])
def test_irregular_stems_conjugate_in_both_registers(tmp_path: Path, style: str) -> None:
    source = tmp_path / "release.txt"
    source.write_text(RELEASE, encoding="utf-8")
    article = write(str(source), WriteOptions(style=style)).article
    text = "\n".join(line.text for line in article.lines())
    for wrong in WRONG:
        assert wrong not in text
    for expected in EXPECTED[style]:
        assert expected in text, expected
