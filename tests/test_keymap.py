"""Keys: readable names, the keymap file (remap any binding by its id; an unknown id or a bad
key is one line and the app starts anyway), and mode switching where F-keys are taken."""

from __future__ import annotations

from pathlib import Path

from backlegs_tui.ui.app import BacklegsApp
from backlegs_tui.ui.keys import binding_ids, key_label, load_keymap, parse_keymap, valid_key

from .session_helpers import settle, wait_for


def test_keys_are_named_as_the_lifter_reads_them() -> None:
    assert key_label("j,pagedown") == "j / PgDn"
    assert key_label("f1") == "F1"
    assert key_label("up,plus,equals_sign") == "↑ / + / ="
    assert key_label("escape,q,question_mark") == "Esc / q / ?"
    assert key_label("ctrl+left") == "ctrl+←"


def test_valid_keys() -> None:
    for key in ("x", "?", "f5", "ctrl+t", "alt+shift+left", "pagedown", "space", "question_mark", "ctrl+right"):
        assert valid_key(key), key
    for key in ("", "ctrl+", "ctrl+bogus", "hyperdrive+x", "f1f", "alt+1+"):
        assert not valid_key(key), key


def test_every_binding_id_may_be_remapped_and_problems_are_one_sentence_each() -> None:
    known = binding_ids(BacklegsApp.BINDINGS)
    assert {"mode.plan", "mode.next", "app.settings", "plan.new", "history.range", "catalogue.add"} <= known
    # the dialogs' and the first-start wizard's keys too
    assert {"form.next", "form.save", "wizard.next", "wizard.back", "wizard.skip"} <= known
    keymap, problems = parse_keymap(
        '"mode.plan" = "ctrl+t"\n"plan.nope" = "x"\n"mode.next" = "ctrl+bogus"\n"app.help" = 3\n', known
    )
    assert keymap == {"mode.plan": "ctrl+t"}
    assert problems == [
        "'plan.nope' is not a binding id",
        "mode.next: 'ctrl+bogus' is not a key (try e.g. \"ctrl+t\", \"f5\", \"x\")",
        'app.help needs a key in quotes, e.g. "ctrl+t"',
    ]
    assert parse_keymap("mode.plan = ", known)[1][0].startswith("it is not valid TOML")


def test_a_keymap_with_several_problems_is_one_line_naming_each(tmp_path: Path) -> None:
    """Not 'Keymap / Keymap path: ... (and 1 more)': the title is the notification's, the
    line names every problem up to three, then how many more."""
    path = tmp_path / "keymap.toml"
    known = {"mode.plan", "mode.next"}
    path.write_text('"nope.x" = "x"\n"mode.next" = "ctrl+bogus"\n', encoding="utf-8")
    _, line = load_keymap(path, known)
    assert line == (f"{path}: 'nope.x' is not a binding id (the README's key map lists the ids); mode.next: "
                    "'ctrl+bogus' is not a key (try e.g. \"ctrl+t\", \"f5\", \"x\"); the other keys apply.")
    assert "Keymap" not in line and "\n" not in line
    path.write_text("".join(f'"bad.{i}" = "x"\n' for i in range(5)), encoding="utf-8")
    _, line = load_keymap(path, known)
    assert line.endswith(": 'bad.0' is not a binding id (the README's key map lists the ids); 'bad.1' is not a "
                         "binding id; 'bad.2' is not a binding id; and 2 more; the other keys apply.")


def test_a_missing_keymap_file_is_no_problem(tmp_path: Path) -> None:
    assert load_keymap(tmp_path / "keymap.toml", {"mode.plan"}) == ({}, None)


def test_the_known_ids_are_gathered_only_when_there_is_a_keymap_file(tmp_path: Path) -> None:
    asked: list[int] = []

    def known() -> set[str]:
        asked.append(1)
        return {"wizard.next"}

    assert load_keymap(tmp_path / "keymap.toml", known) == ({}, None)
    assert asked == []
    (tmp_path / "keymap.toml").write_text('"wizard.next" = "ctrl+j"\n', encoding="utf-8")
    assert load_keymap(tmp_path / "keymap.toml", known) == ({"wizard.next": "ctrl+j"}, None)
    assert asked == [1]


async def test_the_keymap_file_remaps_and_a_bad_line_is_one_notification(
    migrated_db: Path, clock, tmp_path: Path
) -> None:
    keymap = tmp_path / "keymap.toml"
    keymap.write_text('"mode.history" = "ctrl+y"\n"mode.nowhere" = "ctrl+n"\n')
    app = BacklegsApp(db_path=migrated_db, clock=clock, start_mode="plan", keymap_file=keymap)
    seen: list[str] = []
    show = app.notify
    app.notify = lambda message, **kw: (seen.append(str(message)), show(message, **kw))[1]  # type: ignore[method-assign]
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for(pilot, lambda: app.repo is not None and app.current_mode == "plan", "the plan mode")
        assert seen == [f"{keymap}: 'mode.nowhere' is not a binding id (the README's key map lists the ids); "
                        "the other keys apply."]
        await pilot.press("ctrl+y")
        await wait_for(pilot, lambda: app.current_mode == "history", "History by the remapped key")
        await pilot.press("ctrl+right")  # where F-keys are taken: the next mode, wrapping round
        await wait_for(pilot, lambda: app.current_mode == "plan", "Plan after History")
        await pilot.press("ctrl+left")
        await wait_for(pilot, lambda: app.current_mode == "history", "History before Plan")
        await settle(pilot)


def test_the_set_entry_keys_have_ids_a_keymap_may_name() -> None:
    from backlegs_tui.ui.widgets.set_entry import SetEntry

    ids = [b.id for b in SetEntry.BINDINGS]
    assert all(ids) and len(set(ids)) == len(ids)
    assert all(i.startswith("entry.") for i in ids)
    known = binding_ids(BacklegsApp.BINDINGS)
    assert set(ids) <= known
    keymap, problems = parse_keymap('"entry.up" = "ctrl+up"\n"entry.upp" = "k"\n', known)
    assert keymap == {"entry.up": "ctrl+up"}
    assert problems == ["'entry.upp' is not a binding id"]


async def test_a_keymap_entry_remaps_a_set_entry_key_and_help_names_it(migrated_db: Path, clock, tmp_path: Path) -> None:
    from backlegs_tui.ui.help import HelpScreen

    from .session_helpers import start_working

    keymap = tmp_path / "keymap.toml"
    keymap.write_text('"entry.up" = "ctrl+up"\n"entry.next_field" = "ctrl+l"\n')
    app = BacklegsApp(db_path=migrated_db, clock=clock, keymap_file=keymap)
    seen: list[str] = []
    show = app.notify
    app.notify = lambda message, **kw: (seen.append(str(message)), show(message, **kw))[1]  # type: ignore[method-assign]
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_working(pilot, "100")
        entry = screen.entry
        assert not seen  # every id known: no notification
        await pilot.press("up")  # no longer the nudge
        await settle(pilot)
        assert entry.weight == "100"
        await pilot.press("ctrl+up")
        await settle(pilot)
        assert entry.weight == "102.5"
        await pilot.press("ctrl+l")  # the next field by the remapped key; Tab no longer
        await settle(pilot)
        assert entry.field_index == 1
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen), "the help screen")
        rows = app.screen.rows
        entry_rows = {what: key for where, key, what in rows if where == "Session: the set entry"}
        assert entry_rows["Next field"] == "ctrl+l"
        assert entry_rows["Focused field up (weight by the lift's step, reps by 1, RPE by 0.5)"] == "ctrl+↑"
        assert entry_rows["Previous field"] == "← / shift+Tab"
        await pilot.press("escape")
        await settle(pilot)
