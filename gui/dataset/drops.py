"""What a drop of files on the Dataset tab gives to import (the owner is gui.widgets.file_drops)."""

from __future__ import annotations

from gui.widgets.file_drops import local_paths

__all__ = ["local_paths"]
