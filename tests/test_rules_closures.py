"""What build/rules.mk says each module and notebook depends on: imports, and the data files
(templates, style sheets) a module reads from beside itself."""
from missing_offenders.pipeline import build_rules

TEMPLATES = "src/missing_offenders/publish/templates/"


def test_a_page_depends_on_every_template():
    closure = build_rules.module_closure({"publish.html_page"})
    assert "src/missing_offenders/publish/templating.py" in closure
    assert f"{TEMPLATES}page.html.j2" in closure and f"{TEMPLATES}page.css.j2" in closure


def test_charts_depend_on_the_house_style():
    assert "src/missing_offenders/publish/house.mplstyle" in build_rules.module_closure({"publish.charts"})


def test_a_module_that_reads_no_data_file_lists_only_modules():
    closure = build_rules.module_closure({"ingest.numbers"})
    assert all(path.endswith(".py") for path in closure)


def test_a_data_file_named_beside_a_module_is_found(tmp_path):
    (tmp_path / "style.txt").write_text("x")
    (tmp_path / "parts").mkdir()
    (tmp_path / "parts" / "a.j2").write_text("y")
    module = tmp_path / "mod.py"
    source = 'from pathlib import Path\nA = Path(__file__).with_name("style.txt")\nB = Path(__file__).with_name("parts")\n'
    import ast
    found = build_rules._data_files(module, ast.parse(source))
    assert found == {tmp_path / "style.txt", tmp_path / "parts" / "a.j2"}
