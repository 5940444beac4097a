"""An invented statistics release with one large table (about 1,500 cells), generated in code for the desk tests."""

from __future__ import annotations

REGIONS = (
    "서울",
    "부산",
    "대구",
    "인천",
    "광주",
    "대전",
    "울산",
    "세종",
    "경기",
    "강원",
    "충북",
    "충남",
    "전북",
    "전남",
    "경북",
    "경남",
    "제주",
)
COLUMNS = ("지역", "시군구", "1월", "2월", "3월", "4월", "5월", "6월", "상반기 합계", "전년 대비")


def big_release(rows: int = 150) -> str:
    """A 보도자료 text whose table has ``rows`` data rows of ten columns (plus the header row)."""
    lines = [
        "보도자료",
        "보도일시 2026. 11. 24.(화) 12:00   배포일시 2026. 11. 24.(화) 09:00",
        "",
        "2026년 상반기 지역별 신규 사업체 통계 발표",
        "- 상반기 신규 사업체 41만 2천 곳…전년 같은 기간보다 3.1% 증가 -",
        "",
        "통계청은 2026년 상반기 전국 신규 사업체가 41만 2천 곳으로 지난해 같은 기간보다 3.1% 늘었다고 24일 밝혔다.",
        "",
        "지역별로는 경기가 10만 4천 곳으로 가장 많았고, 서울이 8만 9천 곳으로 뒤를 이었다. "
        "세종은 신규 사업체가 4,200곳으로 지난해보다 11.2% 늘어 증가율이 가장 높았다.",
        "",
        '한서윤 통계청 경제통계국장은 "지역별 창업 흐름을 매달 살펴 정책 자료로 제공하겠다"라고 말했다.',
        "",
        "< 지역·시군구별 신규 사업체 수 (단위: 곳) >",
        "\t".join(COLUMNS),
    ]
    for index in range(rows):
        region = REGIONS[index % len(REGIONS)]
        months = [120 + (index * 7 + month * 13) % 400 for month in range(6)]
        change = f"{(index % 9) + 1}.{index % 10}% 증가"
        cells = [
            region,
            f"{region} 제{index // len(REGIONS) + 1}구역",
            *[f"{m:,}" for m in months],
            f"{sum(months):,}",
            change,
        ]
        lines.append("\t".join(cells))
    lines += [
        "",
        "담당 부서\t통계청 경제통계국 사업체통계과\t책임자\t과장 문가람 (042-481-2200)",
        "\t\t담당자\t사무관 오세린 (042-481-2210)",
    ]
    return "\n".join(lines) + "\n"
