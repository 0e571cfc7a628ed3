"""Do backendlint's type-hint fixes type-check? Apply them to pinned real modules and run mypy
before and after.

    python benchmarks/accuracy/typefix.py [--only NAME ...] [--cache DIR] [--show N]

For each module below, the pinned sdist is fetched from the package index at run time
(`pip download --no-deps --no-binary :all:`, reused from the cache folder), the module (a
file, or a package folder) is copied three times, and mypy `--check-untyped-defs
--ignore-missing-imports` runs on each copy: untouched, after `backendlint --fix` (safe fixes
of BL201-BL203) and after `--fix --unsafe-fixes`. It prints the fixes applied and the errors
before and after; an error is "added" when its message (without the line number, since an
added import shifts lines) appears more often after than before. Nothing third-party is
stored in the repository.

Targets (issue 21): safe fixes add no error; unsafe fixes at most 3 per ten modules.
"""

from __future__ import annotations

import argparse
import collections
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

CODES = "BL201,BL202,BL203"


@dataclass(frozen=True)
class Module:
    name: str  # PyPI distribution
    version: str
    path: str  # inside the unpacked sdist: a .py file or a package folder
    note: str


MODULES = (
    Module("six", "1.16.0", "six.py", "Python 2/3 compatibility layer, untyped"),
    Module("docopt", "0.6.2", "docopt.py", "command-line parser, classes with defaults"),
    Module("retrying", "1.3.4", "retrying.py", "retry decorator, many keyword defaults"),
    Module("xmltodict", "0.13.0", "xmltodict.py", "XML to dict, a handler class with state"),
    Module("configobj", "5.0.8", "src/configobj/__init__.py", "config parser, dict subclasses"),
    Module("jsonpointer", "2.4", "jsonpointer.py", "RFC 6901, small classes"),
    Module("jsonpatch", "1.33", "jsonpatch.py", "RFC 6902, an operation class hierarchy"),
    Module("decorator", "5.1.1", "src/decorator.py", "signature-preserving decorators"),
    Module("tabulate", "0.9.0", "tabulate/__init__.py", "table formatting, many defaults"),
    Module("WebOb", "1.8.7", "src/webob", "WSGI request/response package, deep hierarchy"),
)


def fetch(module: Module, cache: Path) -> Path:
    """The unpacked sdist root, downloaded once into the cache."""
    target = cache / f"{module.name}-{module.version}"
    if target.is_dir():
        return target
    downloads = cache / "sdists"
    downloads.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                    "--no-binary", ":all:", f"{module.name}=={module.version}",
                    "-d", str(downloads)], check=True)
    stem = f"{module.name}-{module.version}".lower()
    archive = next(p for p in downloads.iterdir()
                   if p.name.lower().startswith(stem) and p.suffix in (".gz", ".zip"))
    unpack = cache / "unpack"
    if archive.suffix == ".zip":
        with zipfile.ZipFile(archive) as zipped:
            zipped.extractall(unpack)
    else:
        with tarfile.open(archive) as tarred:
            tarred.extractall(unpack)  # a pinned sdist from the package index
    root = next(p for p in unpack.iterdir() if p.name.lower() == stem)
    root.rename(target)
    return target


def copy(source: Path, destination: Path) -> Path:
    destination.mkdir(parents=True)
    if source.is_dir():
        shutil.copytree(source, destination / source.name)
    else:
        shutil.copy2(source, destination / source.name)
    return destination


_ERROR = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+): error: (?P<message>.*)$")


def mypy_errors(folder: Path) -> list[str]:
    """mypy's error messages (without places) on everything in the folder."""
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--check-untyped-defs", "--ignore-missing-imports",
         "--no-incremental", "--no-error-summary", "--show-error-codes",
         "--config-file", str(folder / "mypy.ini"), "."],
        cwd=folder, capture_output=True, text=True, check=False)
    found = []
    for line in result.stdout.splitlines():
        match = _ERROR.match(line)
        if match:
            found.append(f"{Path(match['path']).name}: {match['message']}")
    return found


def apply_fixes(folder: Path, unsafe: bool) -> int:
    command = [sys.executable, "-m", "backendlint", "check", "--isolated", "--no-cache",
               "--exit-zero", "--select", CODES, "--fix", "--show-fixes"]
    if unsafe:
        command.append("--unsafe-fixes")
    result = subprocess.run([*command, "."], cwd=folder, capture_output=True, text=True,
                            check=False)
    fixed = re.search(r"Fixed (\d+)", result.stdout + result.stderr)
    return int(fixed.group(1)) if fixed else 0


def added(before: list[str], after: list[str]) -> list[str]:
    """Messages more frequent after than before (a multiset difference)."""
    remaining = collections.Counter(after)
    remaining.subtract(collections.Counter(before))
    return [message for message, count in remaining.items() for _ in range(max(count, 0))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", nargs="*", help="distribution names to run")
    parser.add_argument("--cache", type=Path,
                        default=Path(tempfile.gettempdir()) / "backendlint-typefix")
    parser.add_argument("--show", type=int, default=3, help="added errors shown per module")
    options = parser.parse_args()
    chosen = [m for m in MODULES if not options.only or m.name in options.only]
    options.cache.mkdir(parents=True, exist_ok=True)
    totals = collections.Counter()
    print(f"{'module':<24} {'fixes safe/unsafe':>17} {'mypy before':>11} {'safe':>10} "
          f"{'unsafe':>10}")
    with tempfile.TemporaryDirectory() as work:
        for module in chosen:
            source = fetch(module, options.cache) / module.path
            runs = {}
            for kind in ("before", "safe", "unsafe"):
                folder = copy(source, Path(work) / module.name / kind)
                (folder / "mypy.ini").write_text("[mypy]\n", encoding="utf-8")
                fixes = apply_fixes(folder, kind == "unsafe") if kind != "before" else 0
                runs[kind] = (fixes, mypy_errors(folder))
            before = runs["before"][1]
            safe_added = added(before, runs["safe"][1])
            unsafe_added = added(before, runs["unsafe"][1])
            totals.update(modules=1, before=len(before), safe_added=len(safe_added),
                          unsafe_added=len(unsafe_added), safe_fixes=runs["safe"][0],
                          unsafe_fixes=runs["unsafe"][0])
            label = f"{module.name} {module.version}"
            print(f"{label:<24} {runs['safe'][0]:>8}/{runs['unsafe'][0]:<8} {len(before):>11} "
                  f"{len(runs['safe'][1]):>5} (+{len(safe_added)}) "
                  f"{len(runs['unsafe'][1]):>5} (+{len(unsafe_added)})")
            for kind, messages in (("safe", safe_added), ("unsafe", unsafe_added)):
                for message in messages[:options.show]:
                    print(f"    {kind} added: {message}")
    print(f"\n{totals['modules']} modules: {totals['safe_fixes']} safe fixes added "
          f"{totals['safe_added']} mypy errors (target 0); with unsafe fixes "
          f"({totals['unsafe_fixes']}) {totals['unsafe_added']} (target at most "
          f"{3 * totals['modules'] / 10:.1f}); {totals['before']} errors before")
    ok = totals["safe_added"] == 0 and totals["unsafe_added"] * 10 <= 3 * totals["modules"]
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
