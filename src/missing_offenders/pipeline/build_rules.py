"""Write build/rules.mk: the rounds to clean and what each notebook run depends on.

Make includes the result, so rounds are discovered from data/raw/foi_rounds/ (a new round
needs no change to the Makefile) and each notebook depends on exactly the package modules it
imports, directly or through other modules. Standard library only: this runs before the
virtual environment exists.

Each round also gets `build/round-inputs/<round_id>`: its raw rows (corrections applied) and its
rounds.csv line, rewritten only when they change. A round depends on that file, not on the
shared files its rows sit in, so adding or editing one round reruns only that round.

Every value written is checked against a strict pattern first: the rules file is never written
from unvalidated text (a stray newline in a raw cell would otherwise break every later `make`).

    python -m missing_offenders.pipeline.build_rules build/rules.mk
"""
from __future__ import annotations

import ast
import json
import os
import re
import sys
import tempfile
from pathlib import Path

from missing_offenders.ingest import paths, rounds
from missing_offenders.ingest.errors import InputError

PACKAGE = "missing_offenders"
SRC = paths.ROOT / "src" / PACKAGE
ROUND_INPUTS = paths.ROOT / "build" / "round-inputs"
STAMPS = "build/stamps"
CLEAN_NOTEBOOK = paths.NOTEBOOKS / "01_clean_round.ipynb"  # run once per round; its default round is cleaned in place
SAFE_LINE = re.compile(r"(#[^\n]*|[A-Za-z0-9_]+ := [A-Za-z0-9_./ -]*|)")


def _module_file(dotted: str) -> Path:
    """'ingest.paths' -> src/missing_offenders/ingest/paths.py; a package -> its __init__.py."""
    base = SRC.joinpath(*dotted.split(".")) if dotted else SRC
    return base / "__init__.py" if base.is_dir() else base.with_suffix(".py")


def _imported_modules(tree: ast.AST) -> set[str]:
    """Package modules named by the imports in `tree`, dotted below the package ('ingest.paths')."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name[len(PACKAGE) + 1:] for alias in node.names if alias.name.startswith(PACKAGE + "."))
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").split(".")[0] == PACKAGE:
            inner = node.module[len(PACKAGE) + 1:]
            found.add(inner)
            for alias in node.names:  # `from missing_offenders.ingest import paths` names a module
                candidate = f"{inner}.{alias.name}" if inner else alias.name
                if _module_file(candidate).is_file():
                    found.add(candidate)
    return {name for name in found if _module_file(name).is_file()}


def _data_files(module: Path, tree: ast.AST) -> set[Path]:
    """Files a module reads from beside itself, named as `Path(__file__).with_name("...")`: a file
    (a style sheet) or every file of a folder (templates)."""
    found = set()
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "with_name"
                and isinstance(node.func.value, ast.Call) and getattr(node.func.value.func, "id", None) == "Path"
                and [getattr(arg, "id", None) for arg in node.func.value.args] == ["__file__"]
                and len(node.args) == 1 and isinstance(node.args[0], ast.Constant)):
            target = module.with_name(node.args[0].value)
            found.update(p for p in target.rglob("*") if p.is_file()) if target.is_dir() else found.add(target)
    return {p for p in found if p.is_file()}


def module_closure(start: set[str]) -> list[str]:
    """Every package file `start` needs, directly or not, with the __init__.py of each package on the
    way and the data files (templates, style sheets) each module reads."""
    seen, files, todo = set(), set(), list(start)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        parts = name.split(".")
        todo.extend(".".join(parts[:i]) for i in range(len(parts)))  # the packages it sits in
        module = _module_file(name)
        tree = ast.parse(module.read_text(encoding="utf-8"))
        todo.extend(_imported_modules(tree))
        files |= {module} | _data_files(module, tree)
    return sorted(paths.relative(path) for path in files)


def notebook_modules(notebook: Path) -> list[str]:
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    code = "\n".join(
        "".join(cell["source"]) for cell in nb["cells"] if cell["cell_type"] == "code"
    )
    lines = [line for line in code.splitlines() if not line.lstrip().startswith(("%", "!"))]
    return module_closure(_imported_modules(ast.parse("\n".join(lines))))


def _cells(notebook: Path) -> list[dict]:
    return [cell for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"] if cell["cell_type"] == "code"]


def notebook_parameters(notebook: Path) -> dict[str, object]:
    """The defaults of the notebook's cell tagged `parameters` (plain literal assignments)."""
    for cell in _cells(notebook):
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            tree = ast.parse("".join(cell["source"]))
            return {target.id: ast.literal_eval(node.value) for node in tree.body if isinstance(node, ast.Assign)
                    for target in node.targets if isinstance(target, ast.Name)}
    return {}


def notebook_reads(notebook: Path) -> list[Path]:
    """The paths the notebook's `READS = declared_inputs.declare(...)` names, its default parameters filled in.

    Read without running the notebook: only `paths.NAME`, `/`, strings, f-strings and parameter names may
    appear, which is what a declaration needs and what can be evaluated safely."""
    parameters = notebook_parameters(notebook)
    where = paths.relative(notebook)

    def value(node: ast.AST):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "paths":
            if isinstance(getattr(paths, node.attr, None), Path):
                return getattr(paths, node.attr)
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
            return value(node.left) / value(node.right)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            return node.value
        elif isinstance(node, ast.Name) and node.id in parameters:
            return str(parameters[node.id])
        elif isinstance(node, ast.JoinedStr):
            return "".join(str(value(part.value)) if isinstance(part, ast.FormattedValue) else part.value
                           for part in node.values)
        raise InputError(f"{where}: READS names {ast.unparse(node)!r}; a declaration may use only paths.NAME, '/', "
                         "strings and the notebook's parameters.")

    for cell in _cells(notebook):
        for node in ast.parse("\n".join(line for line in "".join(cell["source"]).splitlines()
                                         if not line.lstrip().startswith(("%", "!")))).body:
            if (isinstance(node, ast.Assign) and [getattr(t, "id", None) for t in node.targets] == ["READS"]
                    and isinstance(node.value, ast.Call) and ast.unparse(node.value.func) == "declared_inputs.declare"):
                return [Path(value(arg)) for arg in node.value.args]
    raise InputError(f"{where} has no READS = declared_inputs.declare(...) cell: every notebook declares what it reads.")


def make_prerequisites(path: Path, default_round: str) -> list[str]:
    """What make must have up to date before a notebook reads `path`: a raw or claims file (every file of a
    folder), or the cleaning step that writes a processed round."""
    if path == paths.PROCESSED or paths.PROCESSED in path.parents:
        inner = path.relative_to(paths.PROCESSED).parts
        if not inner:
            return [f"{STAMPS}/01_clean_round.done", f"{STAMPS}/rounds.done"]
        return [f"{STAMPS}/01_clean_round.done" if inner[0] == default_round else f"{STAMPS}/rounds.done"]
    # A declared path that does not exist yet adds nothing here: the notebook's declare() stops its run
    # with a message naming it, which says more than make's "No rule to make target".
    files = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")) if path.is_dir() else [path]
    return [paths.relative(p) for p in files if p.is_file() and p != paths.MANIFEST]


def _write_if_changed(path: Path, text: str) -> None:
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return  # keep the mtime: make reruns the round only when its inputs really changed
    path.parent.mkdir(parents=True, exist_ok=True)
    _replace_atomically(path, text)


def _replace_atomically(path: Path, text: str) -> None:
    """Write through a temporary file of this process's own: two makes never share one."""
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        stream.write(text)
    os.chmod(name, 0o644)
    os.replace(name, path)


def round_inputs(round_id: str, rows, listed) -> str:
    """What cleaning one round reads of data/raw/foi_rounds/, as text: its rows and rounds.csv line."""
    lines = [f"{row.file}:{row.line}\t{json.dumps(row.values, sort_keys=True, ensure_ascii=False)}"
             for row in rows if row.get("round_id") == round_id]
    if round_id in listed:
        row = listed[round_id]
        lines.append(f"{row.file}:{row.line}\t{json.dumps(row.values, sort_keys=True, ensure_ascii=False)}")
    return "\n".join(lines) + "\n"


def render() -> str:
    rows, _ = rounds.read_round_rows()
    round_ids = rounds.discover()
    listed = rounds.listed_rows()
    default_round = str(notebook_parameters(CLEAN_NOTEBOOK)["round_id"])
    # What the cleaning notebook declares it reads, but for the round files and readings: those are
    # read one round at a time (build/round-inputs/<round_id> and readings/<round_id>.csv below).
    per_round = (paths.FOI_ROUNDS, paths.READINGS)
    shared = [prerequisite for declared in notebook_reads(CLEAN_NOTEBOOK) if declared not in per_round
              for prerequisite in make_prerequisites(declared, default_round)]
    out = ["# Generated by `python -m missing_offenders.pipeline.build_rules`: do not edit.", ""]
    out.append(f"DEFAULT_ROUND := {default_round}")
    out.append(f"ROUNDS := {' '.join(round_ids)}")
    for round_id in round_ids:
        inputs = ROUND_INPUTS / round_id
        _write_if_changed(inputs, round_inputs(round_id, rows, listed))
        readings = paths.READINGS / f"{round_id}.csv"  # a person's readings of unreadable fields
        files = [paths.relative(inputs), *shared] + ([paths.relative(readings)] if readings.is_file() else [])
        out.append(f"RAW_{round_id} := {' '.join(files)}")
    _write_if_changed(paths.ROOT / "build" / "round-list", "\n".join(round_ids) + "\n")
    for stale in ROUND_INPUTS.glob("[!.]*"):  # not another run's temporary files
        if stale.name not in round_ids:
            stale.unlink(missing_ok=True)  # a withdrawn round
    for notebook in sorted(paths.NOTEBOOKS.glob("*.ipynb")):
        out.append(f"MODULES_{notebook.stem} := {' '.join(notebook_modules(notebook))}")
        if notebook != CLEAN_NOTEBOOK:
            reads = [p for declared in notebook_reads(notebook) for p in make_prerequisites(declared, default_round)]
            out.append(f"READS_{notebook.stem} := {' '.join(dict.fromkeys(reads))}")
    for module in sorted(SRC.glob("*/*.py")):
        if module.stem != "__init__":
            dotted = module.relative_to(SRC).with_suffix("").as_posix().replace("/", ".")
            out.append(f"CLOSURE_{module.stem} := {' '.join(module_closure({dotted}))}")
    for number, line in enumerate(out, start=1):
        if not SAFE_LINE.fullmatch(line):
            raise InputError(f"build/rules.mk line {number} would be {line!r}, which make cannot read safely: "
                             "a file or round name holds a character outside letters, digits, '_', '-', '.' and '/'.")
    return "\n".join(out) + "\n"


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m missing_offenders.pipeline.build_rules build/rules.mk", file=sys.stderr)
        return 2
    try:
        text = render()
    except InputError as error:  # a message for a person, not a traceback
        print(f"error: {error}", file=sys.stderr)
        return 1
    target = Path(argv[0])
    target.parent.mkdir(parents=True, exist_ok=True)
    _replace_atomically(target, text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
