"""Sub-command implementations (printing lives here and in cli.py, not in the core)."""
