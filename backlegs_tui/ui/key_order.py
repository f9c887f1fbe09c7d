"""Keys handled in the order typed, however fast they come (a paste, tmux send-keys, a fast
typist at the gym).

Textual hands a key to the focused widget through that widget's message queue, but runs a
priority binding (a dialog's Enter) at once, and a widget's own binding (Backspace, an
arrow, Tab) only once the key has bubbled back up to the app. In a burst, a dialog's Enter
thus ran before the letters queued for its field had landed (a note typed and Enter saved an
empty note), and an arrow moved the cursor after the letters typed behind it. The helpers
here run each key's effect when it is the app's turn to handle that key."""

from __future__ import annotations

import asyncio
from typing import Protocol

from textual import events
from textual.app import App
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input


class KeyKeeper(Protocol):
    """A widget that keeps keys for a dialog it opened (the set entry: `n`, then the note at
    once): keys that come while it still keeps some join them, in order, and never overtake."""

    def keeps_keys(self) -> bool: ...

    def keep(self, key: str, character: str | None) -> None: ...


async def run_binding(screen: Screen[object], key: str, *, priority: bool = False) -> bool:
    """Run `key`'s binding now, as the app would once the key bubbled up to it: the first
    one from the focused widget up through the screen to the app (`priority`: only one the
    app runs before a key goes anywhere, such as a dialog's Enter). Whether one ran."""
    active = screen.active_bindings.get(key)
    if active is None or active.binding.priority != priority or not active.enabled:
        return False
    return bool(await screen.app.run_action(active.binding.action, active.node))


async def hand_to(target: Widget, key: str, character: str | None) -> None:
    """Give a key to a widget and have it handled now, not queued behind what it is doing: a
    binding run right after it must see it typed."""
    event = events.Key(key, character)
    # Textual 8's own (private) ways: should a release drop them, the key is queued instead
    dispatch = getattr(target, "_dispatch_message", None)
    forwarded = getattr(event, "_set_forwarded", None)
    if dispatch is None or forwarded is None:
        target.post_message(event)
        return
    forwarded()
    await dispatch(event)


CATCH_UP_S = 0.5  # a widget busy for longer than this does not hold the keys back


async def caught_up(widget: Widget) -> None:
    """Wait until what is already queued for `widget`, then for each of its parents up to its
    screen, has been handled: the focus it was just given (which selects its text), and what
    the keys before made it post (a unit field's Changed, on which the form fills the bar
    field). Never longer than CATCH_UP_S for each."""
    node: object = widget
    while isinstance(node, Widget):
        done = asyncio.Event()
        if node.call_later(done.set):
            try:
                await asyncio.wait_for(done.wait(), CATCH_UP_S)
            except TimeoutError:
                return
        if isinstance(node, Screen):
            return
        node = node.parent


def focused_field(app: App[object]) -> Input | None:
    """The text field that has the focus, if one has."""
    return app.focused if isinstance(app.focused, Input) else None


async def type_into_field(app: App[object], key: str, character: str | None) -> bool:
    """A key for the focused text field, handled now, once what the keys before it started
    has been handled (`caught_up`): a printable one typed into it, any other one's binding
    run (the field's own, its screen's, the app's). Whether it was handled; False when no
    text field has the focus, or nothing takes the key (the caller passes it on as Textual
    would)."""
    field = focused_field(app)
    if field is None:
        return False
    await caught_up(field)
    if app.focused is not field:  # what was queued moved the focus: the key goes there
        return await type_into_field(app, key, character)
    return await type_now(app, field, key, character)


async def type_now(app: App[object], field: Input, key: str, character: str | None) -> bool:
    """`type_into_field` for a field already caught up: a printable key typed into it, any
    other one's binding run. Whether it was handled."""
    if character is not None and character.isprintable() and len(character) == 1:
        await hand_to(field, key, character)
        return True
    return await run_binding(app.screen, key)
