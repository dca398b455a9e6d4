"""groundtui's Textual interface."""
