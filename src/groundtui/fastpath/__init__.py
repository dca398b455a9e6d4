"""The day cache and the lean door for ``groundtui status`` and ``groundtui plan --format json``.

    cache    the label-free day cache: its key, the files it was made from, reading and writing
    answer   the cached answer, importing only what a hit needs (no argparse, no tomllib, no
             platformdirs, no planner); anything it is not sure of goes to the full CLI
    build    the entries, made by the full ``status`` and ``plan`` from the plan they printed

Nothing here is imported by this ``__init__``: ``answer`` runs on every status-bar refresh.
"""
