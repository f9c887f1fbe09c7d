"""Other apps' exports in, backlegs data out.

Parsers (strong, hevy, fitnotes) read text and return plain `WorkoutRecord`s plus the rows
they could not read; formatters (csvfmt, jsonfmt) turn the store's plain export data into
text. Neither touches the database: `importing` and `cli` join them to the store.
"""
