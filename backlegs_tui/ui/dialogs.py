"""Small modal dialogs. Each dismisses with its result, or None when cancelled (Escape)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.fuzzy import Matcher
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from ..domain.model import Readiness
from ..domain.validation import InputError


class Dialog(ModalScreen[Any]):
    """Base: a centred box; Escape cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="dialog.cancel")]
    DEFAULT_CSS = """
    Dialog { align: center middle; }
    Dialog > Vertical {
        width: 72; height: auto; max-height: 90%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    Dialog .title { text-style: bold; height: auto; margin-bottom: 1; }
    Dialog .hint { color: $text-muted; height: 1; margin-top: 1; }
    Dialog .error { color: $error; height: auto; }
    Dialog Input { margin-bottom: 0; }
    Dialog OptionList { height: auto; max-height: 20; }
    Dialog Horizontal { height: auto; margin-bottom: 1; }
    Dialog Horizontal Label { width: 27; padding-right: 2; }
    Dialog Horizontal Input { width: 1fr; background: $boost; }
    Dialog Horizontal Input:focus { background: $accent 30%; }
    """

    def action_cancel(self) -> None:
        self.dismiss(None)

    FIT = ""
    """The part that scrolls when the box does not fit (a selector): it is capped so that
    the box (at most 90% of the screen) keeps everything else, its keys above all."""

    def on_mount(self) -> None:
        self.call_after_refresh(self._fit)

    def on_resize(self) -> None:
        self.call_after_refresh(self._fit)

    def _fit(self) -> None:
        """Cap the scrolling part at the screen's height less everything else in the box."""
        scroll = next(iter(self.query(self.FIT)), None) if self.FIT else None
        box = scroll.parent if scroll is not None else None
        if scroll is None or not isinstance(box, Widget) or not box.size.width:
            return
        others = sum(
            w.outer_size.height + w.styles.margin.top + w.styles.margin.bottom
            for w in box.children if w is not scroll and w.display
        )
        room = int(self.size.height * 0.9) - box.styles.gutter.height - others
        scroll.styles.max_height = max(2, room)


class ConfirmDialog(Dialog):
    """Asks a yes/no question; y or Enter confirms, n or Escape cancels."""

    BINDINGS = [
        Binding("y,enter", "confirm", "Yes", id="confirm.yes"),
        Binding("n,escape", "cancel", "No", id="confirm.no"),
    ]

    def __init__(self, question: str, detail: str = "") -> None:
        super().__init__()
        self.question, self.detail = question, detail

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.question, classes="title", markup=False)
            if self.detail:
                yield Static(self.detail, markup=False)
            yield Static("y / Enter: yes     n / Esc: no", classes="hint")

    def action_confirm(self) -> None:
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One labelled input of a FormDialog; `parse` raises InputError with a message."""

    key: str
    label: str
    value: str = ""
    placeholder: str = ""
    parse: Callable[[str], Any] = str


class FormDialog(Dialog):
    """Labelled inputs; Enter in the last one (or ctrl+s) submits a dict of parsed values.
    A field that does not parse gets its message inline and nothing is returned."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="form.cancel"),
        Binding("ctrl+s", "submit", "Save", id="form.save"),
        # Enter moves on as the key arrives (a priority binding, not the Input's Submitted
        # message handled later): keys typed ahead of the focus go to the next field, not
        # the one Enter left (`30 Enter 6` saved 306 kg; found by scripts/torture.py)
        Binding("enter", "next_field", "Next field / save", show=False, priority=True, id="form.next"),
    ]

    def __init__(self, title: str, fields: Sequence[FieldSpec], hint: str = "Enter: next / save   Esc: cancel",
                 check: Callable[[dict[str, Any]], None] | None = None) -> None:
        super().__init__()
        self.title_text = title
        self.fields = list(fields)
        self.hint = hint
        self.check = check  # the fields together (RPE and RIR agree): raises InputError, shown inline

    DEFAULT_CSS = """
    FormDialog #form-fields { height: auto; scrollbar-size-vertical: 1; }
    """
    FIT = "VerticalScroll"

    def compose(self) -> ComposeResult:
        # the fields scroll when they do not all fit (8 of them at 80x24): the title, the
        # error line and the keys (how to save) stay in view (`_fit`)
        with Vertical():
            yield Static(self.title_text, classes="title", markup=False)
            with VerticalScroll(id="form-fields", can_focus=False):
                for f in self.fields:
                    with Horizontal():
                        yield Label(f.label)
                        yield Input(f.value, placeholder=f.placeholder, id=f"f-{f.key}", select_on_focus=True,
                                    compact=True)
            yield Static("", id="form-error", classes="error", markup=False)  # "[kg]" is text
            yield Static(self.hint, classes="hint")

    def show_error(self, text: str) -> None:
        """The one error line (under the fields, above the keys); the fields make room."""
        self.query_one("#form-error", Static).update(text)
        self.call_after_refresh(self._fit)

    def on_input_changed(self, event: Input.Changed) -> None:
        """An error is about what was typed: it goes as soon as a field is typed in again (a
        plan's "needs a name" stayed on screen while the name was typed)."""
        if str(self.query_one("#form-error", Static).content):
            self.show_error("")

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """The field focused (Tab, Enter, an error's field) is scrolled into view."""
        event.widget.scroll_visible(animate=False)

    def action_next_field(self) -> None:
        ids = [f"f-{f.key}" for f in self.fields]
        focused = self.focused
        idx = ids.index(focused.id) if focused is not None and focused.id in ids else len(ids) - 1
        if idx + 1 < len(ids):
            self.set_focus(self.query_one(f"#{ids[idx + 1]}", Input))  # now, not after the queued keys
        else:
            self.action_submit()

    def parsed(self) -> dict[str, Any] | None:
        """Every field's value by its parser; None after showing the first field's error
        (and focusing that field)."""
        out: dict[str, Any] = {}
        for f in self.fields:
            widget = self.query_one(f"#f-{f.key}", Input)
            try:
                out[f.key] = f.parse(widget.value)
            except InputError as exc:
                self.show_error(str(exc))
                widget.focus()
                return None
        if self.check is not None:
            try:
                self.check(out)
            except InputError as exc:
                self.show_error(str(exc))
                return None
        return out

    def action_submit(self) -> None:
        out = self.parsed()
        if out is not None:
            self.dismiss(out)


def _optional_int(lo: int, hi: int, what: str) -> Callable[[str], int | None]:
    def parse(text: str) -> int | None:
        text = text.strip()
        if not text:
            return None
        if not (text.isascii() and text.isdigit()) or not lo <= int(text) <= hi:
            raise InputError(f"{what} is a whole number from {lo} to {hi}")
        return int(text)

    return parse


def _sleep(text: str) -> float | None:
    text = text.strip().replace(",", ".")
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        raise InputError("Sleep is hours, e.g. 7.5") from None
    if not 0 <= value <= 24:
        raise InputError("Sleep is 0 to 24 hours")
    return value


def readiness_dialog() -> FormDialog:
    return FormDialog(
        "How ready are you? (every field optional)",
        [
            FieldSpec("sleep_h", "Sleep last night (h)", placeholder="e.g. 7.5", parse=_sleep),
            FieldSpec("soreness", "Soreness 1-5", placeholder="1 none .. 5 very sore", parse=_optional_int(1, 5, "Soreness")),
            FieldSpec("energy", "Energy 1-5", placeholder="1 drained .. 5 great", parse=_optional_int(1, 5, "Energy")),
        ],
        hint="Enter: next / start   Esc: skip the check-in",
    )


def readiness_from(values: dict[str, Any] | None) -> Readiness:
    if not values:
        return Readiness()
    return Readiness(values.get("sleep_h"), values.get("soreness"), values.get("energy"))


class PickerDialog(Dialog):
    """Pick one of many by typing part of its name (fuzzy) and Enter."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="picker.cancel"),
        Binding("down", "cursor(1)", "Down", show=False),
        Binding("up", "cursor(-1)", "Up", show=False),
    ]

    def __init__(self, title: str, choices: Sequence[tuple[str, Any]], *, search: bool = True) -> None:
        super().__init__()
        self.title_text = title
        self.choices = list(choices)
        self.search = search

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.title_text, classes="title", markup=False)
            if self.search:
                yield Input(placeholder="type to search", id="picker-search")
            yield OptionList(*self._options(""), id="picker-list")
            yield Static("↑↓ choose   Enter: pick   Esc: cancel", classes="hint")

    FIT = "OptionList"

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        if options.option_count:
            options.highlighted = 0
        if not self.search:
            options.focus()

    def _options(self, query: str) -> list[Option]:
        if not query.strip():
            return [Option(Content(label), id=str(i)) for i, (label, _) in enumerate(self.choices)]
        matcher = Matcher(query)
        scored = [(matcher.match(label), i, label) for i, (label, _) in enumerate(self.choices)]
        scored = [s for s in scored if s[0] > 0]
        scored.sort(key=lambda s: -s[0])
        return [Option(_highlight(matcher, label), id=str(i)) for _, i, label in scored]

    @on(Input.Changed, "#picker-search")
    def _filter(self, event: Input.Changed) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options(self._options(event.value))
        if options.option_count:
            options.highlighted = 0

    def action_cursor(self, delta: int) -> None:
        options = self.query_one(OptionList)
        if options.option_count:
            options.highlighted = ((options.highlighted or 0) + delta) % options.option_count

    @on(Input.Submitted, "#picker-search")
    def _submit_search(self) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is not None:
            self._pick(options.get_option_at_index(options.highlighted).id)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self._pick(event.option.id)

    def _pick(self, option_id: str | None) -> None:
        if option_id is not None:
            self.dismiss(self.choices[int(option_id)][1])


def _highlight(matcher: Matcher, label: str) -> Content:
    """The label as plain text (never markup: names may hold brackets), matches underlined."""
    content = Content(label)
    score, offsets = matcher.fuzzy_search.match(matcher.query, label)
    if score:
        for offset in offsets:
            if not label[offset].isspace():
                content = content.stylize("bold underline", offset, offset + 1)
    return content


class InfoDialog(Dialog):
    """Shows a block of text; Enter dismisses it with True (go on), Escape with None."""

    BINDINGS = [
        Binding("enter", "ok", "Next", id="info.ok"),
        Binding("escape", "cancel", "Close", id="info.close"),
    ]

    def action_ok(self) -> None:
        self.dismiss(True)

    def __init__(self, title: str, body: Any, hint: str = "Enter / Esc: close") -> None:
        super().__init__()
        self.title_text, self.body, self.hint = title, body, hint

    DEFAULT_CSS = """
    InfoDialog .body { height: auto; max-height: 70vh; }
    """
    # the body scrolls within what the screen leaves once the title and the keys are placed:
    # at 80x24 a long one (a session summary, an import report) kept its keys out of view
    FIT = ".body"

    def compose(self) -> ComposeResult:
        # a long body (many records) scrolls; the title and the keys stay in view
        with Vertical():
            yield Static(self.title_text, classes="title", markup=False)
            with VerticalScroll(classes="body"):
                yield Static(self.body)
            yield Static(self.hint, classes="hint")

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()
