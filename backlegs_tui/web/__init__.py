"""`backlegs serve`: the app in a web browser, through textual-serve (the `web` extra).

textual-serve has no authentication and no Origin check; `server` adds both (a random token,
a same-origin websocket), caps the number of app processes, and runs every browser tab as
`python -m backlegs_tui --db PATH` on the one database. `guard` holds the checks as plain
Python so they can be tested without a server.
"""
