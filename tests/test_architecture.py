"""The package's shape: stages by sub-package, imports pointing one way, no cycles, small modules,
and a rules generator that needs nothing beyond the standard library."""
import ast
import sys
from pathlib import Path

import pytest

PACKAGE_DIR = Path(__file__).resolve().parents[1] / "src" / "missing_offenders"
# Each stage may import from itself and the stages before it, never from a later one.
STAGES = ("ingest", "clean", "analyse", "publish", "pipeline")
MAX_LINES = 420


def modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        dotted = path.relative_to(PACKAGE_DIR).with_suffix("").as_posix().replace("/", ".")
        found[dotted.removesuffix(".__init__") if dotted != "__init__" else ""] = path
    return found


MODULES = modules()


def imports(path: Path) -> set[str]:
    """Package modules and outside top-level packages imported anywhere in the file (lazy imports too)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path.name}: use absolute imports (missing_offenders.<stage>.<module>)"
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names
                         if f"{node.module}.{alias.name}".removeprefix("missing_offenders.") in MODULES)
    return found


def internal(path: Path) -> set[str]:
    return {name.removeprefix("missing_offenders.") for name in imports(path)
            if name.startswith("missing_offenders.") and name.removeprefix("missing_offenders.") in MODULES}


def test_every_module_sits_in_a_stage():
    loose = [name for name in MODULES if name and name.split(".")[0] not in STAGES]
    assert not loose, f"modules outside the stage sub-packages: {loose}"


@pytest.mark.parametrize("name", [n for n in MODULES if "." in n])
def test_imports_point_from_later_stages_to_earlier_ones(name):
    own = STAGES.index(name.split(".")[0])
    later = sorted(m for m in internal(MODULES[name]) if STAGES.index(m.split(".")[0]) > own)
    assert not later, f"{name} ({STAGES[own]}) imports later stage(s): {later}"


def test_no_import_cycle():
    graph = {name: {m for m in internal(path) if "." in m} for name, path in MODULES.items() if "." in name}
    state: dict[str, int] = {}

    def visit(node, trail):
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                pytest.fail("import cycle: " + " -> ".join([*trail[trail.index(nxt):], nxt]))
            if nxt not in state:
                visit(nxt, [*trail, nxt])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])


@pytest.mark.parametrize("name", [n for n in MODULES if n])
def test_modules_stay_small(name):
    lines = MODULES[name].read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, f"{name} has {lines} lines: split it by job"


def test_the_rules_generator_needs_only_the_standard_library():
    """It runs before the virtual environment exists: so must everything it imports."""
    todo, seen, outside = ["pipeline.build_rules"], set(), set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        for imported in imports(MODULES[name]):
            if imported.startswith("missing_offenders"):
                inner = imported.removeprefix("missing_offenders").removeprefix(".")
                if inner in MODULES:
                    todo.append(inner)
            else:
                outside.add(imported.split(".")[0])
    assert outside <= set(sys.stdlib_module_names) | {"__future__"}, sorted(outside - set(sys.stdlib_module_names))
    assert {"pipeline.build_rules", "ingest.rounds", "ingest.rawio", "ingest.manifest", "ingest.paths"} <= seen


# What reads data/raw/foi_rounds/: the round files and rounds.csv. After the cleaning, a round is what
# data/processed/<round_id>/round.csv says (analyse/processed_rounds.py).
RAW_ROUND_READERS = {"read_round_rows", "info_for", "info", "discover", "listed_rows", "round_files"}
RAW_ROUND_PATHS = {"FOI_ROUNDS", "ROUNDS_FILE"}


@pytest.mark.parametrize("name", [n for n in MODULES if n.split(".")[0] in ("analyse", "publish")])
def test_nothing_after_the_cleaning_reads_the_raw_rounds(name):
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    calls = [node.func.attr for node in ast.walk(tree) if isinstance(node, ast.Call)
             and isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name)
             and node.func.value.id == "rounds" and node.func.attr in RAW_ROUND_READERS]
    named = [node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)
             and isinstance(node.value, ast.Name) and node.value.id == "paths" and node.attr in RAW_ROUND_PATHS]
    assert not calls and not named, f"{name} reads the raw rounds ({calls + named}): use analyse.processed_rounds"
