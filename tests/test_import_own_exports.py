"""Finding 14: what `backlegs import` does with the app's own exports (csv and strong)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .exchange_helpers import DATA, run


@pytest.fixture
def logged(capsys, tmp_path: Path) -> Path:
    db = tmp_path / "a.db"
    assert run(capsys, "import", "strong", str(DATA / "strong_2020.csv"), "--unit", "kg", "--db", str(db))[0] == 0
    return db


@pytest.mark.parametrize("fmt", [None, "strong", "hevy", "fitnotes"])
def test_the_csv_export_is_refused_in_one_line_that_names_the_json_export(
    capsys, logged: Path, tmp_path: Path, fmt: str | None
) -> None:
    csv_file = tmp_path / "ex.csv"
    assert run(capsys, "export", "--format", "csv", "-o", str(csv_file), "--db", str(logged))[0] == 0
    new = tmp_path / "new.db"
    code, out, err = run(capsys, "import", *([fmt] if fmt else []), str(csv_file), "--db", str(new))
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1
    assert "backlegs' CSV export" in err and "export --format json" in err
    assert not new.exists()


def test_the_strong_export_says_its_unit_and_the_refusal_without_it_too(capsys, logged: Path, tmp_path: Path) -> None:
    target = tmp_path / "ex.strong"
    code, _, err = run(capsys, "export", "--format", "strong", "-o", str(target), "--db", str(logged))
    assert code == 0 and "weights in kg" in err
    code, _, err = run(capsys, "import", "strong", str(target), "--db", str(tmp_path / "new.db"))
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert "pass --unit kg or --unit lb (backlegs' own Strong export is in kg)" in err
