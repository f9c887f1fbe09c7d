"""backlegs' full-fidelity JSON: the store's snapshot as text, and back.

The layout (`format`, `version`, `schema`, then exercises with their alternatives, plans with
their items, schedule, sessions with their items and sets, settings; every column of every
row, ids included) is the store's `snapshot()`; this module only writes and reads the text,
stably: same data, same bytes.
"""

from __future__ import annotations

import json
from typing import Any

from .common import BadFile

# json.dumps escapes C0 controls; DEL, the C1 controls (CSI 0x9b acts as ESC [ on some
# terminals) and the bidi overrides it writes raw: escaped too, so `export --format json` to a
# terminal only prints; lone surrogates (which UTF-8 cannot hold) as escapes. Still the same JSON: the data round-trips unchanged.
_RAW_CONTROLS = {c: f"\\u{c:04x}" for c in [*range(0x7F, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A), *range(0xD800, 0xE000)]}


def _one(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False).translate(_RAW_CONTROLS)


def dumps(snapshot: dict[str, Any]) -> str:
    """One key per line at the top, then one row per line: diffable, and small enough for
    ten years of sets."""
    parts = []
    for key, value in snapshot.items():
        if isinstance(value, list) and value:
            rows = ",\n".join(f"  {_one(v)}" for v in value)
            parts.append(f" {_one(key)}: [\n{rows}\n ]")
        else:
            parts.append(f" {_one(key)}: {_one(value)}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def loads(text: str) -> dict[str, Any]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BadFile(f"is not valid JSON (line {exc.lineno}: {exc.msg})") from None
    except RecursionError:
        raise BadFile("is not valid JSON (nested too deep)") from None
    except ValueError as exc:  # an integer of thousands of digits
        raise BadFile(f"is not valid JSON ({str(exc).splitlines()[0][:80]})") from None
    if not isinstance(data, dict):
        raise BadFile("is not a backlegs JSON export (not an object)")
    return data
