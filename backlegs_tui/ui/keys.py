"""Keys as the lifter reads them (`j / PgDn`, not `j,pagedown`), and the lifter's own
keymap file, which remaps any binding by its id.

The keymap file is `keymap.toml` in the config directory (platformdirs'
user_config_dir("backlegs"), e.g. ~/.config/backlegs on Linux), one `binding_id = "key"` a line:

    "mode.plan" = "ctrl+t"
    "mode.next" = "ctrl+n"

An unknown id or a key Textual cannot name is reported in one line when the app starts; the
rest of the file still applies.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from textual.binding import Binding
from textual.keys import Keys, key_to_character

NAMES = {
    "enter": "Enter", "escape": "Esc", "question_mark": "?", "left_square_bracket": "[",
    "right_square_bracket": "]", "pagedown": "PgDn", "pageup": "PgUp", "delete": "Del",
    "backspace": "Backspace", "up": "↑", "down": "↓", "left": "←", "right": "→", "tab": "Tab",
    "shift+tab": "shift+Tab", "plus": "+", "minus": "-", "equals_sign": "=", "space": "Space",
    "full_stop": ".", "comma": ",", "slash": "/", "home": "Home", "end": "End",
    "ctrl+left": "ctrl+←", "ctrl+right": "ctrl+→", "shift+up": "shift+↑", "shift+down": "shift+↓",
}
MODIFIERS = {"ctrl", "alt", "shift", "super", "meta", "hyper"}
KEYMAP_FILE = "keymap.toml"


def key_name(key: str) -> str:
    """One key as the lifter reads it: `pagedown` -> `PgDn`, `f1` -> `F1`."""
    key = key.strip()
    if key in NAMES:
        return NAMES[key]
    if key.startswith("f") and key[1:].isdigit():
        return key.upper()
    mods, _, base = key.rpartition("+")
    if mods and base in NAMES:
        return f"{mods}+{NAMES[base]}"
    return key


def key_label(keys: str) -> str:
    """A binding's keys as the lifter reads them: `j,pagedown` -> `j / PgDn`."""
    return " / ".join(key_name(k) for k in keys.split(",") if k.strip())


def key_text(keys: str) -> str:
    """The same, each key in backticks, for Markdown."""
    return " / ".join(f"`{key_name(k)}`" for k in keys.split(",") if k.strip())


# keys no binding names (typing into a field), by help section
EXTRA_HELP = {
    "Session: the set entry": [("0-9 .", "Type into the focused field (the first key replaces it)")],
    "Everywhere": [("ctrl+p", "Command palette: every action by name")],
}


def screen_binding_classes() -> list[tuple[str, list[object]]]:
    """(section title, bindings) for every screen and widget whose keys the lifter uses,
    besides the app's own."""
    from .screens.history import HistoryScreen
    from .screens.plan import PlanScreen
    from .screens.plan_catalogue import CatalogueScreen
    from .screens.session import SessionScreen
    from .widgets.chart_plot import CHART_BINDINGS
    from .widgets.set_entry import SetEntry

    return [
        ("Session", list(SessionScreen.BINDINGS)),
        ("Session: the set entry", list(SetEntry.BINDINGS)),
        ("Plan", list(PlanScreen.BINDINGS)),
        ("Plan: exercise catalogue", list(CatalogueScreen.BINDINGS)),
        ("History", list(HistoryScreen.BINDINGS)),
        ("History: a chart (Tab into it)", list(CHART_BINDINGS)),
    ]


def screen_title(screen: object, default: str) -> str:
    """The help section of a screen, by its class: a Session screen opened from History (a
    forgotten session's sets) is 'Session', not 'History'; `default` for any other screen."""
    from .screens.history import HistoryScreen
    from .screens.plan import PlanScreen
    from .screens.plan_catalogue import CatalogueScreen
    from .screens.session import SessionScreen

    classes = ((SessionScreen, "Session"), (CatalogueScreen, "Plan: exercise catalogue"),
               (PlanScreen, "Plan"), (HistoryScreen, "History"))
    return next((title for cls, title in classes if isinstance(screen, cls)), default)


def own_bindings(screen: object) -> list[object]:
    """A screen's bindings with those it inherits from our screens (a subclass's first; a key
    it rebinds is listed once, as it acts). Textual's own (Tab: focus next) are left out."""
    out: list[object] = []
    keys: set[str] = set()
    for cls in type(screen).__mro__:
        if not cls.__module__.startswith("backlegs_tui."):
            continue
        for b in cls.__dict__.get("BINDINGS", ()):
            key = b.key if isinstance(b, Binding) else str(b)
            if key not in keys:
                keys.add(key)
                out.append(b)
    return out


# ---- the lifter's keymap file -------------------------------------------------------------


def keymap_path() -> Path:
    from platformdirs import user_config_dir

    return Path(user_config_dir("backlegs")) / KEYMAP_FILE


def binding_ids(app_bindings: Iterable[object]) -> set[str]:
    """Every binding id a keymap file may name: the app's, its screens' and dialogs'
    (read only when there is a keymap file: the wizard and the dialogs are not imported at
    start-up otherwise)."""
    from . import dialogs, export_dialog, help, import_dialog, settings_dialog, wizard

    groups = [list(app_bindings)] + [bindings for _, bindings in screen_binding_classes()]
    ids = {b.id for bindings in groups for b in bindings if isinstance(b, Binding) and b.id}
    for module in (dialogs, help, wizard, settings_dialog, import_dialog, export_dialog):
        for value in vars(module).values():
            for b in getattr(value, "BINDINGS", None) or []:
                if isinstance(b, Binding) and b.id:
                    ids.add(b.id)
    return ids


_KEY_NAMES = {k.value for k in Keys} | {"space", "plus", "minus"}


def valid_key(key: str) -> bool:
    """True for a key Textual can name: `x`, `?`, `f5`, `ctrl+t`, `alt+shift+left`."""
    key = key.strip()
    if not key:
        return False
    if len(key) == 1:
        return key.isprintable() and key != ","
    *mods, base = key.split("+")
    if any(m not in MODIFIERS for m in mods) or not base:
        return False
    return len(base) == 1 or base in _KEY_NAMES or key_to_character(base) is not None


def parse_keymap(text: str, known: set[str]) -> tuple[dict[str, str], list[str]]:
    """The valid entries of a keymap file's text, and one sentence per problem."""
    import tomllib  # only when a keymap file exists (start-up)

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return {}, [f"it is not valid TOML ({exc})"]
    keymap: dict[str, str] = {}
    problems: list[str] = []
    for binding_id, keys in data.items():
        if binding_id not in known:
            problems.append(f"{binding_id!r} is not a binding id")
        elif not isinstance(keys, str) or not keys.strip():
            problems.append(f"{binding_id} needs a key in quotes, e.g. \"ctrl+t\"")
        elif bad := [k.strip() for k in keys.split(",") if not valid_key(k)]:
            problems.append(f"{binding_id}: {bad[0]!r} is not a key (try e.g. \"ctrl+t\", \"f5\", \"x\")")
        else:
            keymap[binding_id] = ",".join(k.strip() for k in keys.split(","))
    return keymap, problems


def load_keymap(path: Path, known: set[str] | Callable[[], set[str]]) -> tuple[dict[str, str], str | None]:
    """The keymap in `path` (empty if there is no file) and one line about what was wrong
    with it, or None. `known`: the binding ids, or a function giving them once a file is read.
    The line names the file and each problem (up to `SHOWN_PROBLEMS`, then how many more);
    it is shown under the title "Keymap", so it does not say the word again."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}, None
    except (OSError, UnicodeDecodeError) as exc:
        return {}, f"{path} not read ({exc.__class__.__name__}); the default keys apply."
    keymap, problems = parse_keymap(text, known() if callable(known) else known)
    if not problems:
        return keymap, None
    return keymap, f"{path}: {problems_line(problems)}; the other keys apply."


SHOWN_PROBLEMS = 3


def problems_line(problems: list[str]) -> str:
    """`'a.b' is not a binding id; 'c.d' is not a binding id; and 2 more (...)`: each problem
    named up to `SHOWN_PROBLEMS`, where to find the ids said once."""
    hint = " (the README's key map lists the ids)"
    shown = list(problems[:SHOWN_PROBLEMS])
    unknown = [i for i, p in enumerate(shown) if p.endswith("is not a binding id")]
    if unknown:
        shown[unknown[0]] += hint
    line = "; ".join(shown)
    if len(problems) > SHOWN_PROBLEMS:
        line += f"; and {len(problems) - SHOWN_PROBLEMS} more"
        if not unknown and any(p.endswith("is not a binding id") for p in problems):
            line += hint
    return line
