"""The checksum manifest of data/raw/: every raw file is listed with its SHA-256.

The manifest is in `sha256sum` format (`cd data/raw && sha256sum -c SHA256SUMS` works),
so it can be checked without this package. Code never edits raw files; a person who
adds or corrects one on purpose runs `make manifest`, and the diff of SHA256SUMS shows
what changed.
"""
from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from missing_offenders.ingest import paths
from missing_offenders.ingest.errors import RawDataChangedError

FIX_HINT = (
    "If you changed or added it on purpose, run `make manifest` and commit data/raw/SHA256SUMS "
    "with it; otherwise restore it with `git checkout -- data/raw/`."
)


def sha256_of(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def raw_files(raw_dir: Path = paths.RAW) -> list[Path]:
    """Every file under data/raw/ except the manifest itself, in a stable order."""
    return sorted(
        p for p in raw_dir.rglob("*")
        if p.is_file() and p != raw_dir / paths.MANIFEST.name and not p.name.startswith(".")
    )


def _key(path: Path, raw_dir: Path) -> str:
    return Path(path).resolve().relative_to(raw_dir.resolve()).as_posix()


def read(manifest: Path = paths.MANIFEST) -> dict[str, str]:
    if not manifest.is_file():
        raise RawDataChangedError(
            f"{paths.relative(manifest)} is missing, so no raw file can be trusted. "
            "Run `make manifest` to create it from the files in data/raw/."
        )
    listed: dict[str, str] = {}
    for number, line in enumerate(manifest.read_text(encoding="utf-8").splitlines(), start=1):
        digest, sep, name = line.partition("  ")
        if not sep or len(digest) != 64:
            raise RawDataChangedError(
                f"{paths.relative(manifest)}, line {number}: {line!r} is not '<sha256>  <path>'. "
                "Run `make manifest` to rewrite it."
            )
        listed[name] = digest
    return listed


def render(raw_dir: Path = paths.RAW) -> str:
    return "".join(f"{sha256_of(p)}  {_key(p, raw_dir)}\n" for p in raw_files(raw_dir))


def write(raw_dir: Path = paths.RAW) -> Path:
    manifest = raw_dir / paths.MANIFEST.name
    manifest.write_text(render(raw_dir), encoding="utf-8")
    return manifest


def problems(raw_dir: Path = paths.RAW) -> list[str]:
    """Every difference between data/raw/ and its manifest, one sentence each."""
    listed = read(raw_dir / paths.MANIFEST.name)
    found = {_key(p, raw_dir): p for p in raw_files(raw_dir)}
    issues = []
    for name, path in found.items():
        if name not in listed:
            issues.append(f"data/raw/{name} is not listed in the manifest")
        elif sha256_of(path) != listed[name]:
            issues.append(f"data/raw/{name} has changed since the manifest was written")
    for name in listed:
        if name not in found:
            issues.append(f"data/raw/{name} is listed in the manifest but missing")
    return issues


def verify_all(raw_dir: Path = paths.RAW) -> None:
    issues = problems(raw_dir)
    if issues:
        raise RawDataChangedError("; ".join(issues) + ". " + FIX_HINT)


def verify_file(path: Path, raw_dir: Path = paths.RAW) -> None:
    """Check one raw file against the manifest before it is read."""
    listed = read(raw_dir / paths.MANIFEST.name)
    name = _key(path, raw_dir)
    if name not in listed:
        raise RawDataChangedError(f"data/raw/{name} is not listed in the manifest. {FIX_HINT}")
    if sha256_of(path) != listed[name]:
        raise RawDataChangedError(
            f"data/raw/{name} has changed since the manifest was written "
            f"(sha256 now {sha256_of(path)[:12]}..., manifest {listed[name][:12]}...). {FIX_HINT}"
        )


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "check"
    if command == "write":
        manifest = write()
        print(f"wrote {paths.relative(manifest)} ({len(raw_files())} files)")
        return 0
    if command == "check":
        try:
            verify_all()
        except RawDataChangedError as error:
            print(f"error: {error}", file=sys.stderr)
            return 1
        print(f"data/raw/: {len(raw_files())} files match {paths.relative(paths.MANIFEST)}")
        return 0
    print("usage: python -m missing_offenders.ingest.manifest [check|write]", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
