"""pyqtgraph for the GUI, imported once here without its CUDA probe.

`import pyqtgraph` imports its RawImageWidget, which tries CUDA Python (`cuda.bindings`,
installed here as a dependency of torch) so that it can draw arrays already on a GPU, a
widget this app never uses. That probe took 70-200 ms of the window's start-up, before its
first paint (docs/bench/startup.md). For this one import the package is marked absent, so
the probe fails fast as it does where CUDA Python is not installed; nothing else imports it
(torch does not), and it is importable again right after.
"""

from __future__ import annotations

import sys

_hidden = "cuda.bindings" not in sys.modules
if _hidden:
    sys.modules["cuda.bindings"] = None  # `from cuda.bindings import …` raises ImportError
try:
    import pyqtgraph as pg
finally:
    if _hidden:
        del sys.modules["cuda.bindings"]

__all__ = ["pg"]
