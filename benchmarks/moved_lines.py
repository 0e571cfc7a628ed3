"""Check on real projects that a warm run after an edit that moves lines reports what a run
without the cache reports, and count how often the project pass's last output was reused
(core/shifted_pass.py) instead of run again.

`python benchmarks/moved_lines.py [--edits N] [--projects a,b] [PATH ...]`: for each project
(by default the ecosystem check's pinned projects, from `benchmarks/.ecosystem-cache/`), a
copy is linted once with a cache; then, N times, a comment line is inserted at a random line
of a random module, or an import at its end (seeded: the same edits every time), and the
warm run's JSON report is compared byte for byte with a `--no-cache` run's. Exits 1 on any
difference.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
FLAGS = ("check", "--output-format", "json", "--exit-zero", "--select", "ALL", "--isolated",
         "--no-respect-gitignore", "-q")
# Runs the CLI and says on stderr how many practices' project rules ran again (none: the
# last output was kept whole).
_RUN = ("import sys\n"
        "from backendlint.core import project_cache as runner\n"
        "real = runner.run_practices\n"
        "def counted(results, settings, only=None, jobs=1):\n"
        "    sys.stderr.write(f'practices ran: {len(only)}/'\n"
        "                     f'{len(runner.project_practices(settings))}\\n')\n"
        "    return real(results, settings, only, jobs)\n"
        "runner.run_practices = counted\n"
        "from backendlint.cli import main\n"
        "sys.argv = ['backendlint', *sys.argv[1:]]\n"
        "main()\n")


def _lint(target: Path, *extra: str) -> tuple[bytes, str]:
    """(the JSON report, how the project pass went: `kept`, `partly kept`, `ran`)."""
    done = subprocess.run([sys.executable, "-c", _RUN, *FLAGS, *extra, str(target)],
                          capture_output=True, check=False)
    if done.returncode not in (0, 1):
        raise SystemExit(f"backendlint failed on {target}: {done.stderr.decode()[-400:]}")
    ran = re.search(rb"practices ran: (\d+)/(\d+)", done.stderr)
    if ran is None:
        return done.stdout, "kept"
    return done.stdout, "ran" if ran.group(1) == ran.group(2) else "partly kept"


def _default_projects(names: set[str]) -> list[Path]:
    sys.path.insert(0, str(HERE))
    from ecosystem import CACHE, PROJECTS

    found = []
    for project in PROJECTS:
        if names and project.name not in names:
            continue
        folder = CACHE / f"{project.name.lower()}-{project.version}"
        found.extend(folder / path for path in project.paths if (folder / path).is_dir())
    return found


def check(source: Path, edits: int, seed: int) -> tuple[int, int, int, int]:
    """(edits checked, edits after which the pass's last output was kept whole, edits after
    which some practices' output was kept, differences)."""
    with tempfile.TemporaryDirectory(prefix="moved-lines-") as scratch:
        target = Path(scratch) / source.name
        shutil.copytree(source, target, symlinks=True)
        cache = Path(scratch) / "cache"
        modules = sorted(target.rglob("*.py"))
        _lint(target, "--cache-dir", str(cache))
        chooser = random.Random(f"{seed}:{source.name}")
        kept = partly = differences = 0
        for number in range(edits):
            module = chooser.choice(modules)
            lines = module.read_text(encoding="utf-8", errors="surrogateescape").split("\n")
            # Every other edit adds an import at the end: some practices' facts change.
            at = chooser.randrange(len(lines)) if number % 2 == 0 else len(lines)
            lines.insert(at, f"# moved {number}" if number % 2 == 0 else
                         f"import os.path as moved_{number}")
            module.write_text("\n".join(lines), encoding="utf-8", errors="surrogateescape")
            warm, how = _lint(target, "--cache-dir", str(cache))
            fresh, _ = _lint(target, "--no-cache")
            kept += how == "kept"
            partly += how == "partly kept"
            if warm != fresh:
                differences += 1
                print(f"  DIFFERENT after line {at + 1} was inserted in "
                      f"{module.relative_to(target)}")
        return edits, kept, partly, differences


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--projects", default="", help="comma-separated ecosystem names")
    args = parser.parse_args(argv)
    names = {name for name in args.projects.split(",") if name}
    sources = args.paths or _default_projects(names)
    if not sources:
        print("moved_lines: no projects found: give paths, or run benchmarks/ecosystem.py once "
              "to download them", file=sys.stderr)
        return 2
    total = [0, 0, 0, 0]
    for source in sources:
        checked, kept, partly, differences = check(source, args.edits, args.seed)
        print(f"{source}: {checked} edits, pass output kept after {kept}, partly kept after "
              f"{partly}, {differences} different", flush=True)
        total = [sum(pair) for pair in zip(total, (checked, kept, partly, differences))]
    print(f"total: {total[0]} edits, kept after {total[1]}, partly kept after {total[2]}, "
          f"{total[3]} different")
    return 1 if total[3] else 0


if __name__ == "__main__":
    raise SystemExit(main())
