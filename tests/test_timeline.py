"""Projects followed across periods: programme_key per bulletin, project_key over the bulletins
of a programme (the `timeline` dataset), and the findings across periods."""

from __future__ import annotations

import itertools
import random
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow.dataset as ds
import pytest
from pyarrow.fs import _MockFileSystem

from pipeline.model.findings import CHECKS
from pipeline.output.assignment import assign
from pipeline.output.linking import Entry, link_programme
from pipeline.output.timeline_rows import timeline_rows
from pipeline.run.ingest import ingest
from pipeline.values.programmes import programme_key
from tests.conftest import CORPUS, FIXTURES

QIXIA = "栖霞市/民生实事/2024"
DONGJIANG = "东江县/民生实事/2024"
PAIR = ("timeline-dongjiang-2024-q2.txt", "timeline-dongjiang-2024-q3.txt")


def _corpus(folder: Path, names: dict[Path, tuple[str, ...]]) -> Path:
    folder.mkdir()
    for source, files in names.items():
        for name in files:
            shutil.copy(source / name, folder / name)
    return folder


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Q2 sample and its Simplified copy, the Q3 bulletin, the Dongjiang pair."""
    base = tmp_path_factory.mktemp("timeline")
    files = {CORPUS: ("qixia-2024-q2.txt", "qixia-2024-q2-simplified.txt", "qixia-2024-q3.txt")}
    corpus = _corpus(base / "corpus", {**files, FIXTURES: PAIR})
    ingest(corpus, base / "out", workers=1)
    return base / "out"


def _rows(out: Path | str, dataset: str = "timeline", fs: Any = None) -> list[dict[str, Any]]:
    table = ds.dataset(f"{out}/{dataset}", format="parquet", filesystem=fs).to_table()
    return list(table.to_pylist())


def test_programme_key_is_shared_by_the_quarters_of_one_issuer(out: Path) -> None:
    keys = {b["source_path"]: b["programme_key"] for b in _rows(out, "bulletins")}
    assert keys == {
        "qixia-2024-q2.txt": QIXIA,
        "qixia-2024-q2-simplified.txt": QIXIA,
        "qixia-2024-q3.txt": QIXIA,
        PAIR[0]: DONGJIANG,
        PAIR[1]: DONGJIANG,
    }


def test_programme_key_rule() -> None:
    assert programme_key("栖霞市人民政府办公室", None, "2024年重点项目进展", "", 2024) == (
        "栖霞市人民政府办公室/重点项目/2024"
    )
    report = "关于2023年《政府工作报告》重点工作一季度落实情况的通报"
    assert programme_key(None, "东江市", report, "", 2023) == "东江市/政府工作报告任务/2023"
    assert programme_key(None, "东江市", None, "全市20件民生实事", 2023) == "东江市/民生实事/2023"
    assert programme_key(None, "东江市", "进展情况", "", 2023) == "东江市/其他/2023"
    assert programme_key(None, "东江市", "民生实事", "", None) is None
    assert programme_key(None, None, "民生实事", "", 2024) is None


def test_every_q2_project_links_to_its_q3_row(out: Path) -> None:
    rows = [r for r in _rows(out) if r["programme_key"] == QIXIA]
    q2 = {r["seq"]: r for r in rows if r["period"] == "2024-Q2"}
    q3 = {r["seq"]: r for r in rows if r["period"] == "2024-Q3"}
    assert sorted(q2) == sorted(q3) == list(range(1, 31))
    # the copy is not followed: its rows are the counted copy's
    assert len({r["bulletin_id"] for r in rows}) == 2
    for seq in range(1, 31):
        assert q3[seq]["project_key"] == q2[seq]["project_key"] == q2[seq]["item_id"]
        assert q2[seq]["link_rule"] == "new" and q2[seq]["link_confidence"] is None
        assert q3[seq]["previous_status"] == q2[seq]["status"]
    renamed = {s: q3[s]["link_rule"] for s in q3 if q3[s]["link_rule"] != "same_name"}
    assert renamed == {10: "similar_name", 26: "similar_name"}
    assert all(0.5 <= q3[s]["link_confidence"] <= 1 for s in q3)
    assert all(r["findings"] == [] for r in rows)  # nothing vanished, regressed or moved


def test_a_reordered_renumbered_list_links_by_name_and_target(out: Path) -> None:
    rows = [r for r in _rows(out) if r["programme_key"] == DONGJIANG]
    first = {r["name_norm"]: r for r in rows if r["period"] == "2024-Q2"}
    later = {r["name_norm"]: r for r in rows if r["period"] == "2024-Q3"}
    expected = {
        "中小学食堂改造提升": "中小学食堂改造",
        "县医院门诊楼建设(续建)": "县医院门诊楼建设",
        "社区养老服务站建设": "社区养老服务站建设",
        "城区供热管网改造": "城区供热管网改造",
        "农村公路提挡升级": "农村公路提档升级",
    }
    for name, before in expected.items():
        assert later[name]["project_key"] == first[before]["project_key"], name
        assert later[name]["seq"] != first[before]["seq"]
    assert later["老旧小区加装电梯"]["link_rule"] == "new"
    assert later["老旧小区加装电梯"]["findings"] == ["project_appeared"]
    assert len({r["project_key"] for r in rows}) == 7  # six, one dropped, one new
    assert later["中小学食堂改造提升"]["status_change"] == "done→behind"
    assert later["中小学食堂改造提升"]["findings"] == ["status_regressed"]
    assert later["县医院门诊楼建设(续建)"]["findings"] == ["deadline_later"]
    assert later["城区供热管网改造"]["status_change"] == "on_track→done"
    assert first["城乡公交一体化"]["findings"] == ["project_vanished"]  # behind, then gone
    assert all(code in CHECKS for r in rows for code in r["findings"])


def test_the_timeline_follows_each_run(tmp_path: Path) -> None:
    """Written in the same commit as the datasets: a bulletin added or removed by an
    incremental run is linked, or unlinked, at once; a partition no longer produced goes."""
    corpus = _corpus(tmp_path / "corpus", {FIXTURES: PAIR[:1]})
    out = tmp_path / "out"
    ingest(corpus, out, workers=1)
    assert (out / "timeline").is_symlink()
    assert {r["link_rule"] for r in _rows(out)} == {"new"}
    part = out / "timeline" / "2024-Q2" / "part-0.parquet"
    before = part.stat().st_ino
    ingest(corpus, out, workers=1)  # nothing changed: the same file, kept
    assert part.stat().st_ino == before
    shutil.copy(FIXTURES / PAIR[1], corpus / PAIR[1])
    ingest(corpus, out, workers=1)
    assert len({r["project_key"] for r in _rows(out)}) == 7
    (corpus / PAIR[0]).unlink()
    ingest(corpus, out, workers=1, prune=True)
    assert sorted(p.name for p in (out / "timeline").iterdir()) == ["2024-Q3"]
    assert {r["link_rule"] for r in _rows(out)} == {"new"}


def test_the_timeline_on_an_object_store(tmp_path: Path) -> None:
    memory = _MockFileSystem()
    corpus = _corpus(tmp_path / "corpus", {FIXTURES: PAIR})
    ingest(corpus, "bucket/out", workers=1, filesystem=memory)
    assert len({r["project_key"] for r in _rows("bucket/out", fs=memory)}) == 7
    (corpus / PAIR[1]).unlink()
    ingest(corpus, "bucket/out", workers=1, filesystem=memory, prune=True)
    rows = _rows("bucket/out", fs=memory)
    assert {r["period"] for r in rows} == {"2024-Q2"} and len(rows) == 6


def _entry(item_id: str, seq: int, name: str, target: str | None = None) -> Entry:
    return Entry(item_id, seq, name, target)


def test_two_items_of_one_bulletin_never_share_a_project() -> None:
    before = [_entry("a1", 1, "城区供热管网改造", "改造管网12公里")]
    after = [
        _entry("b1", 1, "城区供热管网改造", "改造管网12公里"),
        _entry("b2", 2, "城区供热管网改造", "改造管网12公里"),
    ]
    links = link_programme([before, after])[1]
    assert [link.project_key for link in links] == ["a1", "b2"]
    assert [link.rule for link in links] == ["same_name", "new"]


def test_the_links_are_the_best_assignment_not_a_greedy_one() -> None:
    """The first item of the later bulletin matches the earlier first item best, but the
    earlier second item matches nothing else: each gets its own."""
    before = [
        _entry("a1", 1, "农村公路提档升级", "提档升级农村公路50公里"),
        _entry("a2", 2, "农村公路提档", "新建农村公路桥梁5座"),
    ]
    after = [_entry("b1", 1, "农村公路提档升级改造", "新建农村公路桥梁5座")]
    after.append(_entry("b2", 3, "农村公路提档升级", "提档升级农村公路50公里"))
    links = link_programme([before, after])[1]
    assert [link.project_key for link in links] == ["a2", "a1"]


def test_assignment_is_the_least_total_cost() -> None:
    generator = random.Random(7)
    for _ in range(200):
        n, m = generator.randint(1, 5), generator.randint(1, 5)
        cost = [[generator.random() for _ in range(m)] for _ in range(n)]
        rows = assign(cost)
        k = min(n, m)
        assert sorted(j for j in rows if j >= 0) == sorted({j for j in rows if j >= 0})
        assert sum(j >= 0 for j in rows) == k
        best = min(
            sum(cost[i][j] for i, j in zip(chosen, order, strict=True))
            for chosen in itertools.combinations(range(n), k)
            for order in itertools.permutations(range(m), k)
        )
        assert sum(cost[i][j] for i, j in enumerate(rows) if j >= 0) == pytest.approx(best)


def _bulletin(bulletin_id: str, end: date, total: int | None, **more: Any) -> dict[str, Any]:
    row = {"bulletin_id": bulletin_id, "programme_key": "东江县/民生实事/2024", "year": 2024}
    row |= {"quarter": end.month // 3, "period_end": end, "issued_on": None}
    return row | {"declared_total": total, "duplicate_of": None} | more


def _item(bulletin_id: str, seq: int, name: str, status: str = "on_track") -> dict[str, Any]:
    return {
        "bulletin_id": bulletin_id,
        "item_id": f"{bulletin_id}-t0-r{seq}",
        "seq": seq,
        "name": name,
        "name_norm": name,
        "target": None,
        "status": status,
        "status_source": "column",
        "completion_ratio": None,
        "deadline": None,
        "as_of": None,
    }


def test_a_changed_declared_total_and_the_order_of_bulletins() -> None:
    """Bulletins in period order whatever the input order; copies are not followed."""
    bulletins = [
        _bulletin("q3", date(2024, 9, 30), 3),
        _bulletin("q2", date(2024, 6, 30), 2),
        _bulletin("q2copy", date(2024, 6, 30), 2, duplicate_of="q2"),
        _bulletin("other", date(2024, 6, 30), 2, programme_key=None),
    ]
    items = [_item("q2", 1, "城区供热管网改造"), _item("q2", 2, "城乡公交一体化", "done")]
    items += [_item("q2copy", 1, "城区供热管网改造"), _item("other", 1, "城区供热管网改造")]
    items += [_item("q3", 1, "城区供热管网改造"), _item("q3", 2, "老旧小区加装电梯")]
    parts = timeline_rows(bulletins, items)
    assert sorted(parts) == ["2024-Q2", "2024-Q3"]
    q2, q3 = (parts[k].to_pylist() for k in ("2024-Q2", "2024-Q3"))
    assert [r["bulletin_id"] for r in q2] == ["q2", "q2"]
    assert [r["findings"] for r in q2] == [[], []]  # done, then gone: not a vanished project
    assert [r["findings"] for r in q3] == [
        ["declared_total_changed"],
        ["project_appeared", "declared_total_changed"],
    ]
    assert q3[0]["project_key"] == "q2-t0-r1" and q3[0]["status_change"] == "on_track→on_track"


def test_a_short_name_renamed_links_by_its_target() -> None:
    """Where names are short the target decides: a new name with the same target and number
    is the same project; a different target under the same number is not."""
    before = [_entry("a1", 4, "菜篮子工程", "新建标准化菜市场5处,改造提升农贸市场10处")]
    after = [_entry("b1", 4, "便民市场", "新建标准化菜市场5处,改造提升农贸市场10处")]
    links = link_programme([before, after])[1]
    assert (links[0].project_key, links[0].rule) == ("a1", "same_target")
    other = [_entry("c1", 4, "便民市场", "新建口袋公园8个")]
    assert link_programme([before, other])[1][0].rule == "new"
