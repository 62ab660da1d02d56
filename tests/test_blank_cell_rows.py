"""Tables flattened without delimiters (one cell per blank-line block, one cell a line, cells
joined by spaces), in the shapes a table of real pages takes once its markup is stripped: a
project's sub-rows under one row number (the merged cells over them leave no block), a header
whose first label follows the title with no blank line, a group printed on its first row
only."""

from __future__ import annotations

from pathlib import Path

from pipeline.run.task import parse_file
from pipeline.tables.blank_cells import opens_header


def _page(tmp_path: Path, *lines: str) -> Path:
    """A page: each argument a line; cells are separated by blank lines ("" arguments)."""
    path = tmp_path / "page.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _cells(*cells: str) -> list[str]:
    out: list[str] = []
    for cell in cells:
        out += [cell, ""]
    return out


TITLE = ["2024年某区为民办实事项目完成情况", ""]


def test_sub_rows_under_one_number_are_items_of_their_own(tmp_path: Path) -> None:
    page = _page(
        tmp_path,
        *TITLE,
        *_cells("序号", "实事项目名称", "完成情况", "占全年计划"),
        *_cells("1", "新增养老床位300张", "320", "107%", "改建认知障碍照护床位100张", "96", "96%"),
        *_cells("2", "新建社区长者食堂10个", "12", "120%"),
    )
    items = parse_file(page).items
    assert [item.name for item in items] == [
        "新增养老床位300张",
        "改建认知障碍照护床位100张",
        "新建社区长者食堂10个",
    ]


def test_sub_rows_without_the_unit_merged_over_them_share_it(tmp_path: Path) -> None:
    page = _page(
        tmp_path,
        *TITLE,
        *_cells("序号", "项目内容", "进展情况", "责任单位"),
        *_cells("1", "新建公办幼儿园3所。", "已建成2所,1所主体完工。", "区教育局"),
        *_cells("2", "新建婴幼儿照护驿站5家。", "已建成5家。", "区卫生健康局"),
        *_cells("新增托位300个。", "已新增托位320个。"),
        *_cells("开展胃肠癌筛查5000例。", "已筛查5120例。"),
        *_cells("3", "新增公交线路3条。", "已开通2条。", "区交通运输局"),
    )
    items = parse_file(page).items
    assert [(item.name, item.units) for item in items] == [
        ("新建公办幼儿园3所。", ("区教育局",)),
        ("新建婴幼儿照护驿站5家。", ("区卫生健康局",)),
        ("新增托位300个。", ("区卫生健康局",)),
        ("开展胃肠癌筛查5000例。", ("区卫生健康局",)),
        ("新增公交线路3条。", ("区交通运输局",)),
    ]
    assert items[3].progress == "已筛查5120例。"


def test_a_progress_cell_broken_over_blocks_is_no_sub_row(tmp_path: Path) -> None:
    page = _page(
        tmp_path,
        *TITLE,
        *_cells("序号", "项目内容", "进展情况", "责任单位"),
        *_cells("1", "改造老旧小区5个。", "已完成3个。", "其余2个正在施工。", "预计年底完工。"),
        *_cells("区住建局"),
        *_cells("2", "新增公交线路3条。", "已开通2条。", "区交通运输局"),
    )
    items = parse_file(page).items
    assert [item.name for item in items] == ["改造老旧小区5个。", "新增公交线路3条。"]


def test_a_header_right_under_its_title_starts_the_table(tmp_path: Path) -> None:
    # row 2 shares row 1's unit, merged over both: it leaves no block
    rows = [*_cells("项目内容", "进展情况", "责任单位"), *_cells("1", "新增公交线路3条。")]
    rows += _cells("已开通2条。", "区交通运输局", "2", "优化公交站点20处。", "已完成15处。")
    rows += _cells("3", "改造老旧小区5个。", "已完成3个。", "区住建局")
    names = ["新增公交线路3条。", "优化公交站点20处。", "改造老旧小区5个。"]
    on_its_line = _page(tmp_path, "2024年某区民生实事进展情况表", "序号", "", *rows)
    assert [item.name for item in parse_file(on_its_line).items] == names
    (tmp_path / "page.txt").unlink()
    after_a_space = _page(tmp_path, "2024年某区民生实事进展情况表(截至9月底) 序号", "", *rows)
    assert [item.name for item in parse_file(after_a_space).items] == names


def test_a_field_of_page_data_does_not_open_the_header(tmp_path: Path) -> None:
    page = _page(
        tmp_path,
        "发布日期: 2024-04-21 15:27:17 点击率:",
        "",
        *_cells("项目名称", "责任单位", "进展情况"),
        *_cells("新增城区公交线路3条,优化调整线路5条", "区交通运输局", "已开通2条。"),
        *_cells("改造提升城镇老旧小区5个", "区住建局", "已完成3个。"),
    )
    items = parse_file(page).items
    assert [item.name for item in items] == [
        "新增城区公交线路3条,优化调整线路5条",
        "改造提升城镇老旧小区5个",
    ]


def test_only_a_listed_label_without_a_colon_opens_a_header_after_text() -> None:
    assert opens_header("序号") and opens_header("项目名称")
    assert not opens_header("点击率:")  # a field of the page's data, read as 完成率 by its head
    assert not opens_header("点击率")  # a rate by its head word only, not a listed label


def _lines(tmp_path: Path, *lines: str) -> Path:
    """A page of one cell per line with no blank line anywhere."""
    return _page(tmp_path, *lines)


def test_one_cell_a_line_with_a_group_value_before_the_first_number(tmp_path: Path) -> None:
    page = _lines(
        tmp_path,
        "2024年1-11月十大民生工程项目实施进度表",
        *("工程", "名称", "序号", "项目内容", "目标任务", "责任单位", "完成情况"),
        *("就业促进工程", "1", "城镇新增就业", "2600人", "区人社局", "3209人"),
        *("2", "失业人员再就业", "400人", "区人社局", "493人"),
    )
    items = parse_file(page).items
    assert [(item.name, item.group) for item in items] == [
        ("城镇新增就业", "就业促进工程"),
        ("失业人员再就业", "就业促进工程"),
    ]


def test_one_cell_a_line_with_a_section_heading_before_row_one(tmp_path: Path) -> None:
    page = _lines(
        tmp_path,
        "2024年上半年区政府工作任务进展情况",
        *("序号", "工作任务", "牵头部门", "上半年推进情况"),
        "一、经济社会发展主要预期目标",
        *("1", "地区生产总值增长6%左右", "区发改委", "上半年地区生产总值增长6.2%。"),
        *("2", "一般公共预算收入增长5%", "区财政局", "上半年一般公共预算收入增长5.3%。"),
    )
    items = parse_file(page).items
    assert [item.name for item in items] == ["地区生产总值增长6%左右", "一般公共预算收入增长5%"]


def test_space_joined_rows_under_a_group_printed_on_its_first_row(tmp_path: Path) -> None:
    page = _page(
        tmp_path,
        "2024年民生实事落实进展情况",
        "大类 序号 工作任务 牵头单位 落实进展情况",
        "一、提高民生保障水平 1 提高城乡低保标准。 区民政局 已完成,从1月起提高到每人每月835元。",
        "2 提高特困人员供养标准。 区民政局 已完成,城乡特困人员供养标准已提高。",
        "二、办好人民满意教育 3 新建公办幼儿园3所。 区教育局 已建成2所,1所主体完工。",
    )
    items = parse_file(page).items
    assert [(item.name, item.group) for item in items] == [
        ("提高城乡低保标准。", "一、提高民生保障水平"),
        ("提高特困人员供养标准。", "一、提高民生保障水平"),
        ("新建公办幼儿园3所。", "二、办好人民满意教育"),
    ]


def test_a_departments_rows_of_a_longer_list_with_a_cell_broken_in_two(tmp_path: Path) -> None:
    # rows 4 and 23 of a district's list; row 4's progress printed as two blocks
    page = _page(
        tmp_path,
        *TITLE,
        *_cells("项目序号", "实事项目", "进展情况"),
        *_cells(
            "4", "开展农业技术人员培训5000人次", "已培训3200人次。", "发放种蜂计划:已发放600箱。"
        ),
        *_cells("23", "完成山区森林健康经营12万亩", "已完成8万亩。"),
    )
    items = parse_file(page).items
    assert [(item.seq, item.name) for item in items] == [
        (4, "开展农业技术人员培训5000人次"),
        (23, "完成山区森林健康经营12万亩"),
    ]


def test_a_figure_of_a_sub_row_is_no_row_number(tmp_path: Path) -> None:
    page = _page(
        tmp_path,
        *TITLE,
        *_cells("序号", "实事项目名称", "完成数", "完成情况"),
        *_cells("1", "新增养老床位300张", "320", "已完成", "改建认知障碍照护床位100张", "96"),
        *_cells("正在推进", "2", "新建社区长者食堂10个", "12", "已完成"),
    )
    items = parse_file(page).items
    assert [(item.seq, item.name) for item in items] == [
        (1, "新增养老床位300张"),
        (None, "改建认知障碍照护床位100张"),
        (2, "新建社区长者食堂10个"),
    ]


def test_prose_after_the_last_row_is_no_sub_row(tmp_path: Path) -> None:
    page = _page(
        tmp_path,
        *TITLE,
        *_cells("序号", "项目内容", "进展情况", "责任单位"),
        *_cells("1", "新建公办幼儿园3所。", "已建成2所。", "区教育局"),
        *_cells("2", "新建婴幼儿照护驿站5家。", "已建成5家。", "区卫生健康局"),
        *_cells("新增托位300个。", "已新增托位320个。"),
        *_cells("3", "新增公交线路3条。", "已开通2条。", "区交通运输局"),
        *_cells("下一步,我们将继续加大工作力度。", "确保各项实事按期完成。"),
    )
    names = [item.name for item in parse_file(page).items]
    # no item of the prose; the last row still takes it (its width is the rows' median)
    assert names[:3] == ["新建公办幼儿园3所。", "新建婴幼儿照护驿站5家。", "新增托位300个。"]
    assert len(names) == 4 and names[3].startswith("新增公交线路3条。")


def test_a_space_joined_sub_row_under_a_group_column(tmp_path: Path) -> None:
    page = _page(
        tmp_path,
        "2024年民生实事完成情况",
        "类别 序号 项目名称 目标 完成 完成率",
        "一、民生保障 1 新增养老床位 300 320 107%",
        "改建照护床位 100 96 96%",
        "2 新建长者食堂 10 12 120%",
    )
    items = parse_file(page).items
    assert [(item.seq, item.name, item.group) for item in items] == [
        (1, "新增养老床位", "一、民生保障"),
        (None, "改建照护床位", "一、民生保障"),
        (2, "新建长者食堂", "一、民生保障"),
    ]
