"""Rebuild the bundled corpus from the sample bulletin (../shared/seed/qixia-2024-q2.txt).

    python tools/make_corpus.py [SEED]

Writes corpus/*.txt. Each file is described in corpus/README.md. The Q3 follow-up bulletin is
written here as data: its targets are the Q2 bulletin's, its progress texts and statuses are
ours (statuses moved on, the narrative's counts match the table, two items renamed).
"""

from __future__ import annotations

import sys
from pathlib import Path

from pipeline.text.script import to_simplified

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SEED = ROOT.parent / "shared" / "seed" / "qixia-2024-q2.txt"

# Q3: seq -> (progress, status label). Labels: 已完成 / 已完成三季度任务 / 未完成三季度任务.
DONE, ON, BEHIND = "已完成", "已完成三季度任务", "未完成三季度任务"
Q3_PROGRESS = {
    1: ("项目已于7月中旬整体竣工并投入使用,新增1.6万吨储备粮仓容。", DONE),
    2: ("4个镇级“减证便民”示范点已全部建成运行,社会合作网点建设完成60%。", ON),
    3: ("“城市大脑”平台已上线运行,15个特色应用场景全部接入,实现“一网通办”“一网统管”。", DONE),
    4: ("已完成施工招标,项目建设用地规划许可证已办理,9月下旬开工建设。", ON),
    5: ("塑胶操场及硅PU篮球场已于8月底完工并交付使用,累计完成投资337万元。", DONE),
    6: ("校车补贴方案已出台,已为庙后学校、松山学校等5所学校配备校车,剩余2所学校正在招标。", ON),
    7: ("已建设完成700平方米多功能运动场1处,已投入使用。", DONE),
    8: ("主体结构施工完成95%,车库主体施工完成80%,砌体施工完成45%,受雨季影响进度滞后。", BEHIND),
    9: ("项目立项手续仍在办理中,概算投资额尚未确定,设计招标等工作暂未开展。", BEHIND),
    10: ("30个小区已全部开工,已完成改造12个小区、2100户。", ON),
    11: ("80户危房改造已全部开工,已完工62户。", ON),
    12: ("西区潜流湿地主体隔墙施工完成,东区土方开挖完成80%,累计完成工程总量的65%。", ON),
    13: (
        "截至9月底,开展各类文化活动180余场次,培训文艺骨干1600余人次,送图书进基层4500册次,"
        "“一年一村一场戏”覆盖率达到78%。",
        ON,
    ),
    14: ("截至9月份,实现城镇新增就业612人,城乡公益岗任务完成率达到100%。", DONE),
    15: ("改造计划已确定,计划改造农村公路120公里,目前正在进行施工图设计,尚未开工。", BEHIND),
    16: (
        "已完成适老化改造入户评估150户,完成改造90户;“安心居家”照护服务项目已完成招标,"
        "服务对象500户。",
        ON,
    ),
    17: (
        "市级未成年人保护中心和14个镇街未成年人保护工作站已全部建成,798名儿童主任全部配备到位。",
        DONE,
    ),
    18: (
        "三季度保障城乡低保对象29510人次,特困供养救助9120人次,累计发放救助资金4420万元,"
        "集中供养率达到61%。",
        ON,
    ),
    19: ("目标儿童覆盖率已达到86.3%,窝沟封闭1980人。", DONE),
    20: ("第二轮第二针HPV疫苗应接种860人,已接种846人。", ON),
    21: ("截至9月底,共完成适龄妇女免费两癌筛查22350人。", ON),
    22: (
        "累计完成食品安全监督抽检1650批次,食用农产品定量检测560批次、定性检测7820批次,合格率99.2%。",
        ON,
    ),
    23: ("第九批集采药品已全面落地实施,18家公立医疗机构均已按协议量采购。", DONE),
    24: ("普通门诊统筹待遇调整政策已全面落实,三季度开展医保政策宣讲9次。", DONE),
    25: ("截至2024年三季度,共救助因病致贫重病患者136人次,救助金额1562310.5元。", DONE),
    26: (
        "开展就业创业培训38次,培训1080人次;开展“送技术下乡”和“地头培训”58次,"
        "已于8月开展果业精英培训1次。",
        ON,
    ),
    27: ("2024年新增5G基站121个,累计建设5G基站854个。", DONE),
    28: ("累计审批181名0-17周岁残疾儿童接受康复训练,为82名残疾人提供托养服务。", ON),
    29: ("征迁款仍未发放,预付款未拨付,项目处于停工状态。", BEHIND),
    30: ("已完成14眼单村供水打井施工,规模化供水工程因资金问题仍未开工。", BEHIND),
}
Q3_RENAMED = {10: "2024年城镇老旧小区改造", 26: "实施惠民培训计划"}


def split_sample(text: str) -> tuple[list[str], list[list[str]]]:
    """The sample's lines before its table, and the table's rows (header first)."""
    lines = text.rstrip("\n").split("\n")
    first = next(i for i, line in enumerate(lines) if line.count("|") > 2)
    rows = [[c.strip() for c in line.rstrip().rstrip("|").split(" | ")] for line in lines[first:]]
    return lines[:first], rows


def layout_a(rows: list[list[str]]) -> list[str]:
    """One row per line, cells between pipes, a trailing pipe (REAL_WORLD.md §1 (a))."""
    return [" | ".join(row) + " |" for row in rows]


def layout_b(rows: list[list[str]]) -> list[str]:
    """One cell per line ending ' |'; runs of empty cells pile up as '||' (§1 (b))."""
    out: list[str] = []
    empties = 0
    for cell in (c for row in rows for c in row):
        if not cell:
            empties += 1
            continue
        if empties:
            out.append("|" * empties)
            empties = 0
        out.append(f"{cell} |")
    if empties:
        out.append("|" * empties)
    return out


def layout_c(rows: list[list[str]]) -> list[str]:
    """One cell per block, blocks separated by blank lines (§1 (c)); long cells wrap over two
    lines, as web pages flattened to text do."""
    out: list[str] = []
    for cell in (c for row in rows for c in row):
        if len(cell) > 60:  # wrap after a comma near the middle
            cut = cell.find(",", len(cell) // 2)
            if 0 < cut < len(cell) - 1:
                cell = cell[: cut + 1] + "\n" + cell[cut + 1 :]
        out += [cell, ""]
    return out


def layout_d(rows: list[list[str]]) -> list[str]:
    """One row per line, cells joined by single spaces (§1 (d)): a cell holding a space (文旅局
    各鎮街) makes its row ambiguous."""
    return [" ".join(row) for row in rows]


def q3_bulletin(rows: list[list[str]]) -> str:
    header, *body = (list(map(to_simplified, row)) for row in rows)
    table = [header]
    done_names = []
    for row in body:
        seq = int(row[0])
        progress, label = Q3_PROGRESS[seq]
        name = Q3_RENAMED.get(seq, row[1])
        table.append([row[0], name, row[2], progress, row[4], label])
        if label == DONE:
            done_names.append(name)
    counts = {
        label: sum(1 for p, lab in Q3_PROGRESS.values() if lab == label)
        for label in (DONE, ON, BEHIND)
    }
    circled = "".join(chr(0x2460 + i) for i in range(20))
    listed = ";".join(f"{circled[i]}{name}" for i, name in enumerate(done_names))
    narrative = [
        "近期,市政府督查室对全市重点民生实事三季度完成情况进行了督导调度,现将有关情况通报如下:",
        f"30项全市重点民生实事,{counts[DONE]}项({listed})已完成,{counts[ON]}项按计划推进,"
        f"{counts[BEHIND]}项进展较为缓慢。",
        "附件:2024年30项重点民生实事三季度进展情况表",
        "栖霞市人民政府办公室",
        "2024年10月12日",
        "附件",
        "2024年三季度30项重点民生实事进展情况表",
    ]
    return "\n".join(narrative + layout_a(table)) + "\n"


def main(seed: Path) -> None:
    original = seed.read_text(encoding="utf-8")
    simplified = to_simplified(original)
    narrative, rows = split_sample(original)
    corpus = ROOT / "corpus"
    corpus.mkdir(exist_ok=True)
    files = {
        "qixia-2024-q2.txt": original.encode("utf-8"),
        "qixia-2024-q2-simplified.txt": simplified.encode("utf-8"),
        "qixia-2024-q2-gb18030-crlf.txt": simplified.replace("\n", "\r\n").encode("gb18030"),
        "qixia-2024-q2-big5.txt": original.encode("cp950"),
        "qixia-2024-q2-layout-b.txt": ("\n".join(narrative + layout_b(rows)) + "\n").encode(
            "utf-8"
        ),
        "qixia-2024-q3.txt": q3_bulletin(rows).encode("utf-8"),
    }
    for name, data in files.items():
        (corpus / name).write_bytes(data)
        print(f"wrote corpus/{name} ({len(data)} bytes)")
    # the other two text layouts of the same bulletin, as test fixtures
    fixtures = ROOT / "tests" / "fixtures"
    for name, lines in (("c", layout_c(rows)), ("d", layout_d(rows))):
        path = fixtures / f"qixia-2024-q2-layout-{name}.txt"
        path.write_text("\n".join([*narrative, "", *lines]) + "\n", encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SEED)
