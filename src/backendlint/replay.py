"""Replaying an unchanged run: when nothing a `backendlint check` run read has changed since
the last identical command, print that run's report again instead of linting.

A run that may be replayed (a plain report to stdout, nothing on stderr, no fixes, no
writes) leaves a manifest in the cache directory: the command's key (arguments, working
directory, the environment variables and terminal state the report depends on, the code's
identity), every input it depended on with its stat, its exit status and the bytes it
wrote. Inputs are the linted files, the folders that were listed (a file added or removed
changes the folder's mtime), every other file the run read (configuration, .gitignore,
baseline: each reader notes it in inputs.py, and a test checks with an audit hook that no
file the run opens is missing), and the places a configuration or .gitignore would be found
if one were created. (An audit hook at run time would see every `id()` call: hundreds of
thousands per run.)

The check runs before click, the rules or the engine are imported: a warm run with nothing
changed costs the interpreter's start-up and one stat per input. Any mismatch, or anything
unreadable, falls through to the normal run, which then writes a fresh manifest.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import sys
import time
from collections.abc import Iterable
from typing import Any, Optional, Union

from backendlint import __version__, inputs
from backendlint.code_identity import code_fingerprint

_FORMAT = "1"
# The default cache folder in the project root (the result cache lives there too).
CACHE_DIR_NAME = ".backendlint_cache"
# Names whose creation in any folder above a linted file changes what the run does: the
# nearest configuration, the .gitignore rules in force, where the repository starts.
_PROBED_NAMES = ("backendlint.toml", "pyproject.toml", ".gitignore", ".git")
# A file written this close to the moment it was read may be written again within the same
# mtime tick with the same size (git's "racily clean" rule): its stat cannot be trusted. No
# manifest is written for such an input; the result cache checks such an entry by content.
RACY_NS = 2_000_000_000
_KEPT_MANIFESTS = 8
# Arguments that make a run write files, read stdin, depend on git state or time, or print
# to stderr: never replayed, so not even looked up.
_NEVER_REPLAYED = frozenset({
    "--fix", "--diff", "--add-noqa", "--write-baseline", "--prune-baseline", "--diff-base",
    "--no-cache", "--stdin-filename", "-", "-v", "--verbose", "--show-settings", "-o",
    "--output-file", "-h", "--help", "--version", "rule", "rules",
})
# Environment variables the report depends on (colour), and backendlint's own.
_ENVIRONMENT = ("NO_COLOR", "FORCE_COLOR")
_NAMES = "surrogateescape"

# An input's state: None when absent; ("e",) for a path whose existence alone matters;
# ("d", mtime) for a folder; (size, mtime, ctime, inode) for a file.
State = Optional[tuple[Union[int, str], ...]]


def _state(path: str, kind: str) -> State:
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    if kind == "e":
        return ("e",)
    if stat.S_ISDIR(info.st_mode):
        return ("d", info.st_mtime_ns)
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)


def run_key(arguments: list[str], cwd: str) -> str:
    """Everything besides the inputs that decides a run's output."""
    environment = {name: value for name, value in os.environ.items()
                   if name in _ENVIRONMENT or name.startswith("BACKENDLINT")}
    terminals = [_isatty(stream) for stream in (sys.stdout, sys.stderr)]
    encoding = [getattr(sys.stdout, "encoding", None), getattr(sys.stdout, "errors", None)]
    identity = [_FORMAT, __version__, code_fingerprint(), sys.executable, sys.version, cwd,
                arguments, sorted(environment.items()), terminals, encoding]
    return hashlib.sha256(json.dumps(identity).encode("utf-8", _NAMES)).hexdigest()


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


def _option_value(arguments: list[str], option: str) -> Optional[str]:
    for index, argument in enumerate(arguments):
        if argument == option and index + 1 < len(arguments):
            return arguments[index + 1]
        if argument.startswith(option + "="):
            return argument[len(option) + 1:]
    return None


def _manifest_name(key: str) -> str:
    return f"replay-{key[:32]}.bin"


def _candidate_directories(arguments: list[str], cwd: str) -> list[str]:
    """Where the last identical run kept its manifest: the named cache folder, or the
    default one in the project root, which is the working directory or one above it (or
    the folder of a named configuration file)."""
    named = _option_value(arguments, "--cache-dir")
    if named is not None:
        return [os.path.join(cwd, named)]
    folders = []
    config = _option_value(arguments, "--config")
    if config is not None:
        folders.append(os.path.dirname(os.path.join(cwd, config)))
    folder = cwd
    while True:
        folders.append(folder)
        parent = os.path.dirname(folder)
        if parent == folder:
            break
        folder = parent
    return [os.path.join(folder, CACHE_DIR_NAME) for folder in folders]


def replay_unchanged_run(arguments: list[str]) -> None:
    """Print the last identical run's report and exit with its status when none of its
    inputs changed; return (having done nothing) otherwise."""
    if any(argument in _NEVER_REPLAYED or argument.startswith(("--output-file=", "-o"))
           for argument in arguments):
        return
    try:
        cwd = os.getcwd()
        key = run_key(arguments, cwd)
        found = None
        for directory in _candidate_directories(arguments, cwd):
            found = _read_manifest(os.path.join(directory, _manifest_name(key)), key)
            if found is not None:
                break
    except (OSError, ValueError, TypeError, KeyError, IndexError):
        return
    if found is not None:
        _write_and_exit(*found)


def _read_manifest(path: str, key: str) -> Optional[tuple[int, bytes]]:
    """(exit status, stdout bytes) of a manifest whose every input is as it was."""
    try:
        with open(path, "rb") as stream:
            data = stream.read()
    except OSError:
        return None
    header_text, _, output = data.partition(b"\n")
    header = json.loads(header_text.decode("utf-8", _NAMES))
    if header["key"] != key or header["length"] != len(output):
        return None
    for entry_path, kind, expected in header["inputs"]:
        state = _state(entry_path, kind)
        if (None if state is None else list(state)) != expected:
            return None
    return int(header["status"]), output


def _write_and_exit(status: int, output: bytes) -> None:
    """Once the report has started going out it is never started again: a reader that
    closes the pipe early (`| head`) ends the run as it would end a linted one."""
    try:
        sys.stdout.buffer.write(output)
        sys.stdout.buffer.flush()
    except (OSError, ValueError):
        pass
    os._exit(status)


class _NoticingStream:
    """stderr, noticing whether anything was written to it (a run that warned is not
    replayed: its warnings would be lost). Everything else is the real stream's."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream
        self.written = False

    def write(self, text: Any) -> int:
        if text:
            self.written = True
        return int(self._stream.write(text))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


class Recorder:
    """Notes a run's inputs and output; `finish` writes the manifest if the run may be
    replayed. Made once per process."""

    def __init__(self, arguments: list[str]) -> None:
        self.arguments = arguments
        self.cwd = os.getcwd()
        self.started = time.time_ns()
        self.files: set[str] = set()
        # The report's bytes as written, piece by piece (never joined: see finish).
        self.output: list[bytes] = []
        self.eligible = True
        self._stderr = _NoticingStream(sys.stderr)
        sys.stderr = self._stderr

    def watch_files(self, paths: Iterable[Any]) -> None:
        """Paths the report depends on: linted files, and markers found by stat (absent
        ones too: their creation changes what is walked). Discovery's paths are absolute
        already."""
        for path in paths:
            text = os.fspath(path)
            self.files.add(text if os.path.isabs(text) else os.path.abspath(text))

    def note_stdout(self, text: str) -> None:
        """The report as written to stdout, one piece after another; a run that cannot say
        which bytes those were (an encoding that cannot hold them) is not replayed."""
        encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
        errors = getattr(sys.stdout, "errors", None) or "strict"
        try:
            encoded = text.encode(encoding, errors)
        except (UnicodeError, LookupError):
            self.eligible = False
            return
        self.output.append(encoded)

    def refuse(self) -> None:
        self.eligible = False

    def finish(self, status: int, cache_dir: Optional[str]) -> None:
        """Write the manifest (atomically) when the run may be replayed. Failing to is
        never an error: the next run simply lints."""
        sys.stderr.flush()
        if not self.eligible or self._stderr.written or cache_dir is None:
            return
        directory = os.path.abspath(cache_dir)
        states = self._inputs(os.path.join(directory, ""))
        if states is None:
            return
        key = run_key(self.arguments, self.cwd)
        length = sum(len(piece) for piece in self.output)
        header = {"key": key, "status": status, "length": length, "inputs": states}
        data = json.dumps(header, separators=(",", ":")).encode("utf-8", _NAMES)
        # Written in parts: on a big tree the report is tens of megabytes, and joining it to
        # the header would copy it once more at the run's peak of memory.
        _write_atomically(directory, _manifest_name(key), (data, b"\n", *self.output))

    def _inputs(self, cache_prefix: str) -> Optional[list[list[Any]]]:
        """Every input with its state now, or None when one was written too recently to
        be told apart from a later write by its stat."""
        watched = dict.fromkeys(self.files, "f")
        # A cache folder named inside the linted tree is walked, and changes on every run.
        watched.update((path, "f") for path in inputs.READ | inputs.LISTED
                       if not os.path.join(path, "").startswith(cache_prefix))
        listed = {path for path in inputs.LISTED if path in watched}
        folders = {self.cwd, *listed, *(os.path.dirname(path) for path in watched)}
        # A name created in a listed folder changes that folder's mtime already.
        for folder in _with_ancestors(folders) - listed:
            for name in _PROBED_NAMES:
                probe = os.path.join(folder, name)
                watched.setdefault(probe, "e" if name == ".git" else "f")
        states: list[list[Any]] = []
        for path in sorted(watched):
            kind = watched[path]
            state = _state(path, kind)
            if state is not None and kind == "f" and self.started - int(state[1]) < RACY_NS:
                return None
            states.append([path, kind, None if state is None else list(state)])
        return states


def _with_ancestors(folders: Iterable[str]) -> set[str]:
    found: set[str] = set()
    for folder in folders:
        while folder not in found:
            found.add(folder)
            parent = os.path.dirname(folder)
            if parent == folder:
                break
            folder = parent
    return found


def _write_atomically(directory: str, name: str, parts: tuple[bytes, ...]) -> None:
    import tempfile  # only a recording run writes: a replay need not import it

    try:
        os.makedirs(directory, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=directory, suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as stream:
                for part in parts:
                    stream.write(part)
            os.replace(temporary, os.path.join(directory, name))
        except BaseException:
            if os.path.exists(temporary):
                os.unlink(temporary)
            raise
        _prune(directory)
    except OSError:
        return


def _prune(directory: str) -> None:
    """One manifest per distinct command: keep the most recently written few."""
    manifests = [entry for entry in os.scandir(directory)
                 if entry.name.startswith("replay-") and entry.name.endswith(".bin")]
    manifests.sort(key=lambda entry: entry.stat().st_mtime_ns, reverse=True)
    for old in manifests[_KEPT_MANIFESTS:]:
        os.unlink(old.path)


_RECORDER: list[Recorder] = []


def start_recording() -> Optional[Recorder]:
    """The recorder of this process's command-line run, when it was launched by `main`
    (a library or test caller's runs are never recorded)."""
    if not _LAUNCHED or _RECORDER:
        return _RECORDER[0] if _RECORDER else None
    _RECORDER.append(Recorder(_LAUNCHED[0]))
    return _RECORDER[0]


_LAUNCHED: list[list[str]] = []


def main() -> None:
    """The `backendlint` command: replay an unchanged run, or run."""
    arguments = sys.argv[1:]
    replay_unchanged_run(arguments)
    _LAUNCHED.append(arguments)
    from backendlint.cli import run

    run()
