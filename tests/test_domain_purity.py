"""The domain core must stay plain Python: importing all of it pulls in neither
textual nor sqlalchemy."""

import subprocess
import sys

CODE = """
import importlib, pkgutil, sys
import backlegs_tui.domain as d
names = [m.name for m in pkgutil.walk_packages(d.__path__, d.__name__ + '.')]
assert names, 'no domain modules found'
for n in names:
    importlib.import_module(n)
bad = [m for m in ('textual', 'sqlalchemy', 'alembic') if m in sys.modules]
print(len(names), ' '.join(bad))
"""


def test_domain_imports_neither_textual_nor_sqlalchemy() -> None:
    out = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, check=True)
    count, _, bad = out.stdout.strip().partition(" ")
    assert int(count) >= 5
    assert bad == "", f"domain pulled in: {bad}"
