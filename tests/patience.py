"""How long a test waits for something that should come: a screen, a job, a process.

Only a hang uses it up, so it is long. A passing test never waits for it, and a CI runner that
shares its two cores with other work can take two or three times as long as a quiet machine:
one such run took 7:54 for a suite that takes 2:30 here, and a 10 s wait for the History screen
ran out.
"""

PATIENCE = 60.0
