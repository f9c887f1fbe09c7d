"""`backlegs plan list|export|import|check` (issue 10): export, import, export again gives
the same text; a name that exists gets "(2)" unless --replace; a broken file is one line with
its line number; check --json is a list of {code, status, message}."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from backlegs_tui.cli import main
from backlegs_tui.domain.catalogue import CATALOGUE, READY_PLANS
from backlegs_tui.domain.plan_text import PlanTextError, plan_from_text, plan_to_text
from backlegs_tui.store.repository import Repository

SAMPLE = "Back & Legs - article sample"


def test_every_ready_plan_round_trips_as_text() -> None:
    names = [e.name for e in CATALOGUE]
    for draft in READY_PLANS:
        text = plan_to_text(draft)
        assert plan_to_text(plan_from_text(text, names)) == text


@pytest.mark.parametrize(("text", "line", "reason"), [
    ('name = "x"\n[[items]\n', 2, "not TOML"),
    ('name = "x"\n\n[[items]]\nexercise = "Squatz"\nsets = 3\nreps = 8\n', 4, "no exercise called 'Squatz'"),
    ('name = "x"\n\n[[items]]\nexercise = "Leg curl"\nsets = 3\nreps = "12-8"\n', 6, "Reps: from 1 to 50, the low end first"),
    ('name = "x"\n\n[[items]]\nexercise = "Leg curl"\nsets = 3\nreps = 8\nrest = "1:75"\n', 7, "Rest: m:ss"),
    ('name = "x"\ncolour = "red"\n', 2, "unknown key 'colour'"),
    ('name = ""\n', 1, "A plan needs a name"),
])
def test_a_broken_text_names_its_line(text: str, line: int, reason: str) -> None:
    with pytest.raises(PlanTextError) as err:
        plan_from_text(text, [e.name for e in CATALOGUE])
    assert err.value.line == line and reason in str(err.value)


def test_export_import_export_is_identical_and_names_do_not_clash(migrated_db: Path, tmp_path: Path, capsys) -> None:
    db = ["--db", str(migrated_db)]
    out = tmp_path / "sample.toml"
    assert main(["plan", "export", SAMPLE.lower(), "-o", str(out), *db]) == 0
    first = out.read_text()
    assert first.startswith(f'name = "{SAMPLE}"') and "[[items]]" in first and 'rest = "3:00"' in first
    assert main(["plan", "import", str(out), *db]) == 0
    assert "Imported 'Back & Legs - article sample (2)'" in capsys.readouterr().out
    again = tmp_path / "again.toml"
    assert main(["plan", "export", f"{SAMPLE} (2)", "-o", str(again), *db]) == 0
    assert again.read_text() == first.replace(f'name = "{SAMPLE}"', f'name = "{SAMPLE} (2)"')
    # --replace writes over the plan of that name
    out.write_text(first.replace('sets = "3-4"', "sets = 5", 1))
    assert main(["plan", "import", str(out), "--replace", *db]) == 0
    capsys.readouterr()
    assert main(["plan", "list", *db]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert [l.split("\t")[0] for l in listed] == [SAMPLE, f"{SAMPLE} (2)"]
    repo = Repository.open(migrated_db)
    try:
        assert repo.plan(repo.plan_id_by_name(SAMPLE)).items[0].sets_min == 5
    finally:
        repo.close()


def test_a_broken_file_is_one_line_and_nothing_stored(migrated_db: Path, tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('name = "Mine"\n\n[[items]]\nexercise = "Squatz"\nsets = 3\nreps = 8\n')
    assert main(["plan", "import", str(bad), "--db", str(migrated_db)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.endswith("bad.toml: line 4: [[items]] 1: no exercise called 'Squatz' in the catalogue")
    assert "\n" not in err and "Traceback" not in err
    assert main(["plan", "export", "Mine", "--db", str(migrated_db)]) == 2


def test_check_json_lists_code_status_message(migrated_db: Path, capsys) -> None:
    assert main(["plan", "check", SAMPLE, "--json", "--db", str(migrated_db)]) == 0
    checks = json.loads(capsys.readouterr().out)
    assert {tuple(sorted(c)) for c in checks} == {("code", "message", "status")}
    assert {c["status"] for c in checks} <= {"ok", "info", "warning"}
    by = {c["code"]: c for c in checks}
    assert by["spinal-count"]["status"] == "ok" and by["duration"]["status"] == "ok"
    assert [c for c in checks if c["status"] == "warning"] == []  # the shipped sample passes its checks
    assert main(["plan", "check", SAMPLE, "--db", str(migrated_db)]) == 0
    assert "✓ " in capsys.readouterr().out


def test_plan_list_says_the_minutes_plan_check_says(migrated_db: Path, capsys) -> None:
    """One estimate, one rounding: `plan list`'s "about N min" is the check's "About N min"
    (and Plan mode's "~N min", the same Duration.minutes)."""
    import re

    repo = Repository.open(migrated_db)
    try:
        repo.add_ready_plans()
    finally:
        repo.close()
    db = ["--db", str(migrated_db)]
    capsys.readouterr()
    assert main(["plan", "list", *db]) == 0
    listed = {line.split("\t")[0]: line.split("\t")[3] for line in capsys.readouterr().out.splitlines()}
    assert len(listed) == len(READY_PLANS)
    for name, minutes in listed.items():
        assert main(["plan", "check", name, *db]) == 0
        said = re.search(r"About (\d+) min", capsys.readouterr().out)
        assert said is not None and minutes == f"about {said.group(1)} min", name


def test_plan_export_to_a_file_is_written_as_backlegs_export_writes_and_says_so(
    migrated_db: Path, tmp_path: Path, capsys
) -> None:
    """`plan export -o` goes through the same writer as `backlegs export -o`: a file of the
    lifter's only (0600), a line on stderr naming it; a folder or a system file is refused with
    one line and never replaced (it wrote /etc/passwd over as root before)."""
    db = ["--db", str(migrated_db)]
    out = tmp_path / "sample.toml"
    assert main(["plan", "export", SAMPLE, "-o", str(out), *db]) == 0
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == f"Exported the plan '{SAMPLE}' to {out}\n"
    assert oct(out.stat().st_mode & 0o777) == oct(0o600) and out.read_text().startswith(f'name = "{SAMPLE}"')
    folder = tmp_path / "plans"
    folder.mkdir()
    for target, reason in ((folder, "is a directory"), (Path("/etc/passwd"), "is a system file")):
        before = target.stat().st_mtime_ns
        assert main(["plan", "export", SAMPLE, "-o", str(target), *db]) == 2
        err = capsys.readouterr().err
        assert err.startswith("backlegs: ") and reason in err and len(err.splitlines()) == 1
        assert target.stat().st_mtime_ns == before


def test_check_json_lists_every_pair_under_48_h(migrated_db: Path, capsys) -> None:
    """The sample on Thu, Fri and Sat: Thu-Fri and Fri-Sat are each listed (Thu-Sat is 48 h)."""
    repo = Repository.open(migrated_db)
    sample = next(p.id for p in repo.plans() if p.name == SAMPLE)
    for day in (3, 4, 5):
        repo.set_schedule(day, [sample])
    repo.close()
    assert main(["plan", "check", SAMPLE, "--json", "--db", str(migrated_db)]) == 0
    spacing = [c["message"].split(":")[0] for c in json.loads(capsys.readouterr().out) if c["code"] == "spinal-48h"]
    assert len(spacing) == 2
    assert f"({SAMPLE}, Fri) only 24 h after" in spacing[0] and spacing[0].endswith(f"({SAMPLE}, Thu)")
    assert f"({SAMPLE}, Sat) only 24 h after" in spacing[1] and spacing[1].endswith(f"({SAMPLE}, Fri)")
