"""Every CLI argument and environment variable, fuzzed in-process through
`backlegs_tui.cli.main` (hypothesis): database paths with `%`, `?`, `#`, spaces, `~user`,
300 characters; import files; calc's numbers; BACKLEGS_DB and BACKLEGS_BUSY_TIMEOUT_MS.
Each run exits 0 (and wrote exactly the file named) or 2 with one line (argparse: its usage
and one error); never a traceback."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from backlegs_tui.cli import main

from .exchange_helpers import DATA

CSV = str(DATA / "strong_2020.csv")
CHARS = st.characters(codec="utf-8", exclude_characters="\x00/", exclude_categories=["Cs"])
ODD = st.sampled_from(["%", "%41", "%2F", "?", "?mode=ro", "#", "#x", " ", "~", "file:", "&", ";", "'", '"', "\\", "..",
                       "\x1b[2J", "é", "\u202e", "*", ":memory:"])
NAMES = st.lists(st.one_of(ODD, st.text(CHARS, min_size=1, max_size=20)), min_size=1, max_size=6).map("".join).filter(
    lambda n: n not in (".", "..") and len(n.encode()) <= 250
)
LONG = st.integers(256, 400).map(lambda n: "n" * n)
SETTINGS = settings(deadline=None, suppress_health_check=list(HealthCheck), database=None)


def call(argv: list[str], env: dict[str, str] | None = None) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    saved = {k: os.environ.get(k) for k in (env or {})}
    os.environ.update(env or {})
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(argv)
            except SystemExit as exc:  # argparse: usage and one error line
                code = exc.code if isinstance(exc.code, int) else 2
                assert code in (0, 2)
                assert len(err.getvalue().strip().splitlines()) <= 2
                return code, out.getvalue(), err.getvalue()
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    return code, out.getvalue(), err.getvalue()


def one_line_or_ok(code: int, err: str) -> None:
    assert "Traceback" not in err
    if code != 0:
        assert code == 2, err
        lines = err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("backlegs: "), err
        assert "\x1b" not in err and "\u202e" not in err


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("template") / "t.db"
    assert call(["--db", str(db), "import", "strong", CSV, "--unit", "kg"])[0] == 0
    return db


@pytest.mark.parametrize("name", ["x%41.db", "q?x.db", "h#a.db", "a b%20#c?d=1.db", "file:z.db"])
def test_a_new_database_with_odd_characters_is_exactly_that_file(name: str, tmp_path: Path) -> None:
    code, _, err = call(["--db", str(tmp_path / name), "import", "strong", CSV, "--unit", "kg"])
    assert code == 0, err
    assert sorted(os.listdir(tmp_path)) == [name]


@settings(SETTINGS, max_examples=50)
@given(name=st.one_of(NAMES, LONG))
@example(name="x%41.db")
@example(name="q?x.db")
@example(name="n" * 300)
@example(name="n" * 250)  # an existing database: its backups' names are cut to fit (255 bytes)
@example(name="é" * 118 + ".db")  # 239 bytes, cut at a character boundary
def test_db_path_with_any_characters_is_that_file_or_one_line(template: Path, name: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / name
        try:
            shutil.copyfile(template, db)
        except OSError:  # a name the file system refuses: the CLI must say so in one line
            pass
        there = name in os.listdir(tmp)
        for argv in (["--db", str(db), "backup"], ["--db", str(db), "export", "--format", "csv"]):
            code, out, err = call(argv)
            one_line_or_ok(code, err)
            if there:
                assert code == 0, err
        made = sorted(os.listdir(tmp))
        assert all(m in (name, "backups") or m.startswith(name + "-") for m in made), made
        if there:
            assert out.startswith("date,session") and len(os.listdir(Path(tmp) / "backups")) == 2


@settings(SETTINGS, max_examples=60)
@given(user=st.text(st.characters(codec="ascii", categories=["Ll", "Nd"]), min_size=1, max_size=12),
       rest=st.one_of(NAMES, LONG), command=st.sampled_from(["export", "backup", "restore"]))
def test_tilde_user_paths_are_one_line(user: str, rest: str, command: str) -> None:
    db = f"~nosuch{user}/{rest}"
    argv = ["--db", db, command] + (["/nonexistent.db", "--yes"] if command == "restore" else [])
    code, _, err = call(argv)
    assert code == 2
    one_line_or_ok(code, err)


@settings(SETTINGS, max_examples=60)
@given(name=st.one_of(NAMES, LONG), fmt=st.sampled_from(["strong", "hevy", "fitnotes", "json"]),
       extra=st.lists(st.sampled_from(["--dry-run", "--strict", "--json", "--unit=kg", "--unit=lb"]), max_size=3))
def test_import_file_argument_is_read_or_one_line(name: str, fmt: str, extra: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        code, _, err = call(["--db", str(Path(tmp) / "gym.db"), "import", fmt, str(Path(tmp) / name), *extra])
        assert code == 2  # no such file (or a name too long): nothing to import
        one_line_or_ok(code, err)
        assert not (Path(tmp) / "gym.db").exists()


@settings(SETTINGS, max_examples=80)
@given(weight=st.text(max_size=12), reps=st.text(max_size=6), rpe=st.one_of(st.none(), st.text(max_size=6)),
       unit=st.sampled_from(["kg", "lb"]))
@example(weight="1e-9", reps="1", rpe=None, unit="kg")
@example(weight="9" * 400, reps="5", rpe="8", unit="lb")
def test_calc_arguments(weight: str, reps: str, rpe: str | None, unit: str) -> None:
    argv = ["calc", "--unit", unit, "--", weight, reps]
    if rpe is not None:
        argv = ["calc", "--unit", unit, "--rpe=" + rpe, "--", weight, reps]
    code, out, err = call(argv)
    if code == 0:
        assert out
    else:
        one_line_or_ok(code, err) if not err.startswith("usage") else None


@settings(SETTINGS, max_examples=60)
@given(value=st.text(CHARS, max_size=12))
@example(value="abc")
@example(value="1e3")
@example(value="99999999999999")
def test_busy_timeout_env(value: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        code, _, err = call(["--db", str(Path(tmp) / "none.db"), "export"], {"BACKLEGS_BUSY_TIMEOUT_MS": value})
        assert code == 2  # a bad value or, when it is fine, no database there: one line either way
        one_line_or_ok(code, err)


@settings(SETTINGS, max_examples=60)
@given(value=st.one_of(NAMES, LONG, st.text(CHARS, max_size=5).map(lambda t: "~nosuch" + t + "/x.db")))
def test_backlegs_db_env(value: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        env_value = value if value.startswith("~") else str(Path(tmp) / value)
        code, _, err = call(["export"], {"BACKLEGS_DB": env_value})
        assert code == 2
        one_line_or_ok(code, err)


def test_a_database_named_like_a_glob_pattern_is_backed_up_and_exported(tmp_path: Path) -> None:
    """Found by the property above: a database called `**` broke the backup rotation's glob."""
    for name in ("**", "[x].db", "a*?.db"):
        db = tmp_path / name
        from backlegs_tui.store.repository import Repository

        Repository.open(db).close()
        for argv in (["--db", str(db), "backup"], ["--db", str(db), "export", "--format", "csv"]):
            code, _, err = call(argv)
            assert code == 0, err
