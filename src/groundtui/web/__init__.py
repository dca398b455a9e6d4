"""``groundtui serve``: the app in a browser tab, private to the one who started it.

Importing this package is free; :mod:`groundtui.web.server` needs the ``web`` extra
(textual-serve, which brings aiohttp).
"""
