"""groundtui: short, guided resets between clinical sessions."""

__version__ = "0.1.0"
