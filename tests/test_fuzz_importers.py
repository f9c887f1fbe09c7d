"""Every importer on mangled files (hypothesis): truncated, flipped bytes, NULs, invalid
UTF-8, mixed line ends, and on hostile files (a 10 MB field, 100k columns, empty, BOM only,
a folder, a FIFO, a device, an oversized file). Each is read and written, or refused with
one line (BadFile, a StoreError); never another exception, never hung; and whatever was
stored passes the app's own validation."""

from __future__ import annotations

import os
import signal
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backlegs_tui.domain import validation
from backlegs_tui.domain.model import SetEntry, SetType, Unit
from backlegs_tui.domain.text import has_control
from backlegs_tui.exchange.common import BadFile
from backlegs_tui.exchange.importing import import_file
from backlegs_tui.exchange.jsonfmt import dumps
from backlegs_tui.store.repository import Repository
from backlegs_tui.store.schema import StoreError

from .exchange_helpers import DATA

SAMPLES = {"strong": DATA / "strong_2020.csv", "hevy": DATA / "hevy_kg.csv", "fitnotes": DATA / "fitnotes_kgs.csv"}
REFUSED = (BadFile, StoreError)


@contextmanager
def deadline(seconds: int = 20) -> Iterator[None]:
    def _hang(*_: object) -> None:
        raise TimeoutError("the import hung")

    old = signal.signal(signal.SIGALRM, _hang)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def json_sample(tmp: Path) -> bytes:
    repo = Repository.open(tmp / "src.db")
    try:
        s = repo.start_session(None, datetime(2026, 3, 2, 18), name="Legs")
        ex = repo.exercises()[0]
        for i in range(3):
            repo.log_set(s.id, SetEntry(exercise_id=ex.id, set_type=SetType.WORKING, weight_kg=100 + i, reps=5, rpe=8,
                                        logged_at=datetime(2026, 3, 2, 18, 5 + i), notes="ok"))
        repo.finish_session(s.id, datetime(2026, 3, 2, 19), 8.0)
        return dumps(repo.snapshot()).encode()
    finally:
        repo.close()


def assert_stored_values_valid(db: Path) -> None:
    con = sqlite3.connect(db)
    try:
        for w, r, rpe, rir in con.execute("SELECT weight_kg, reps, rpe, rir FROM set_entries"):
            validation.check_set(w, r, rpe, rir)
        for (name,) in con.execute("SELECT name FROM exercises"):
            validation.check_text(name, "name", name=True)
            assert not has_control(name)
        for (when,) in con.execute("SELECT logged_at FROM set_entries UNION SELECT started_at FROM sessions"):
            assert validation.MIN_YEAR <= int(str(when)[:4]) <= validation.MAX_YEAR
    finally:
        con.close()


@st.composite
def mangled(draw: st.DrawFn, data: bytes) -> bytes:
    kind = draw(st.sampled_from(["truncate", "flip", "nul", "bad utf-8", "line ends", "splice", "repeat"]))
    i = draw(st.integers(0, max(0, len(data) - 1)))
    if kind == "truncate":
        return data[:i]
    if kind == "flip":
        out = bytearray(data)
        for _ in range(draw(st.integers(1, 8))):
            j = draw(st.integers(0, len(out) - 1))
            out[j] ^= 1 << draw(st.integers(0, 7))
        return bytes(out)
    if kind == "nul":
        return data[:i] + b"\x00" * draw(st.integers(1, 3)) + data[i:]
    if kind == "bad utf-8":
        return data[:i] + draw(st.sampled_from([b"\xff", b"\xc3\x28", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\x80"])) + data[i:]
    if kind == "line ends":
        return data.replace(b"\n", draw(st.sampled_from([b"\r\n", b"\r", b"\n\r", b"\r\r\n"])), draw(st.integers(1, 20)))
    if kind == "splice":
        return data[:i] + draw(st.binary(max_size=40)) + data[i:]
    return data[:i] + data[i:] * draw(st.integers(2, 3))


def _import(repo: Repository, fmt: str, path: Path) -> None:
    try:
        with deadline():
            summary = import_file(repo, fmt, path, Unit.KG if fmt != "json" else None)
    except REFUSED:
        return
    assert summary.sets >= 0
    for line in summary.lines():
        assert not has_control(line), line


@pytest.mark.parametrize("fmt", ["strong", "hevy", "fitnotes", "json"])
def test_every_importer_on_mangled_files_refuses_or_stores_valid_values(tmp_path_factory, fmt: str) -> None:
    tmp = tmp_path_factory.mktemp(f"fuzz-{fmt}")
    data = json_sample(tmp) if fmt == "json" else SAMPLES[fmt].read_bytes()
    db = tmp / "target.db"
    repo = Repository.open(db)
    counter = [0]

    @settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(blob=mangled(data))
    def run(blob: bytes) -> None:
        counter[0] += 1
        f = tmp / f"in.{fmt}"
        f.write_bytes(blob)
        _import(repo, fmt, f)

    try:
        run()
    finally:
        repo.close()
    assert counter[0] >= 100
    assert_stored_values_valid(db)


def _hostile_files(tmp: Path) -> dict[str, Path]:
    files: dict[str, Path] = {}
    header = SAMPLES["strong"].read_text(encoding="utf-8-sig").splitlines()[0]

    def put(name: str, data: bytes) -> None:
        files[name] = tmp / name
        files[name].write_bytes(data)

    put("empty", b"")
    put("bom only", b"\xef\xbb\xbf")
    put("utf-16 bom only", b"\xff\xfe")
    put("10 MB field", (header + "\n2021-07-07 18:35:21,A,1h,\"" + "x" * 10_000_000 + "\",1,100,5,0,0,,,8\n").encode())
    put("100k columns", (",".join(f"c{i}" for i in range(100_000)) + "\n" + ",".join("1" * 1 for _ in range(100_000)) + "\n").encode())
    put("one huge line", b"a" * 5_000_000)
    put("newlines only", b"\n" * 100_000)
    put("quote never closed", (header + '\n2021-07-07 18:35:21,"A' + "\n" * 1000).encode())
    put("binary", os.urandom(65536))
    files["a folder"] = tmp / "folder"
    files["a folder"].mkdir()
    files["a fifo"] = tmp / "fifo"
    os.mkfifo(files["a fifo"])
    files["/dev/zero"] = Path("/dev/zero")
    files["/dev/null"] = Path("/dev/null")
    files["missing"] = tmp / "missing.csv"
    files["oversized (sparse, 201 MB)"] = tmp / "big.csv"
    with open(files["oversized (sparse, 201 MB)"], "wb") as fh:
        fh.truncate(201 * 1024 * 1024)
    files["name too long"] = tmp / ("n" * 300)
    return files


@pytest.mark.parametrize("fmt", ["strong", "hevy", "fitnotes", "json"])
def test_every_importer_refuses_or_bounds_hostile_files(tmp_path: Path, fmt: str) -> None:
    db = tmp_path / "target.db"
    repo = Repository.open(db)
    try:
        for name, path in _hostile_files(tmp_path).items():
            try:
                with deadline():
                    import_file(repo, fmt, path, Unit.KG)
            except REFUSED:
                continue
            except Exception as exc:  # noqa: BLE001 - the test's point
                pytest.fail(f"{fmt} on {name}: {type(exc).__name__}: {exc}")
    finally:
        repo.close()
    assert_stored_values_valid(db)


@pytest.mark.parametrize("text", ["~nosuchuser_backlegs/x.csv", "a\x00b.csv"])
def test_the_import_dialogs_path_is_one_line_for_an_unknown_user_or_a_nul(text: str) -> None:
    """The import dialog's path goes through exchange.common.import_path (not expanduser,
    which raises RuntimeError for ~nosuchuser and crashed the app)."""
    from backlegs_tui.exchange.common import import_path

    with pytest.raises(BadFile) as info:
        import_path(text)
    assert "\n" not in str(info.value)


def test_a_fifo_given_to_the_import_dialogs_code_path_is_refused_at_once(tmp_path: Path) -> None:
    """The dialog's worker calls import_file: a FIFO is refused, never waited on (it showed
    "Importing..." forever and ctrl+q no longer quit)."""
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    repo = Repository.open(tmp_path / "gym.db")
    try:
        with deadline(5), pytest.raises(BadFile, match="FIFO"):
            import_file(repo, "strong", fifo, Unit.KG)
    finally:
        repo.close()
