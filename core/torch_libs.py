"""Load PyTorch's largest shared library with the GIL released, ahead of `import torch`.

`import torch` in a background thread still froze the GUI thread for 300-490 ms on the 2-core
VM (docs/bench/startup.md): CPython holds the GIL while dlopen() maps libtorch_cpu.so (several
hundred MB whose static initialisers register thousands of operators). ctypes releases the
GIL around a foreign call, so calling libc's dlopen() through it loads the same file while
the GUI thread keeps running; torch's own import then finds it loaded (a second dlopen() of a
loaded object only counts a reference), and the longest pause dropped to 90-140 ms.

Only where this loads exactly what torch's import would, in the same order and with the same
flags: on Linux; `libtorch_global_deps.so` first with RTLD_GLOBAL, as torch/__init__.py does,
then `libtorch_cpu.so`, which links no Python (so none of its initialisers can touch the
interpreter without the GIL). Not when LD_LIBRARY_PATH is set: torch then preloads its CUDA
libraries from the nvidia wheels by path so that a system CUDA on that path cannot shadow
them, and loading libtorch_cpu.so first would resolve its CUDA dependencies through that path
instead. Not when TORCH_USE_RTLD_GLOBAL asks torch for its other loading scheme.
"""

from __future__ import annotations

import ctypes
import importlib.util
import logging
import os
import sys
from pathlib import Path

log = logging.getLogger(__name__)

# What torch/__init__.py loads before torch._C, in its order, with its dlopen() flags.
_LIBRARIES = (("libtorch_global_deps.so", os.RTLD_GLOBAL), ("libtorch_cpu.so", 0))


def preload_torch_libraries() -> bool:
    """dlopen() torch's core libraries without the GIL; True when they are now loaded.

    Call it from the thread that is about to import torch. False (and nothing loaded) where
    the module docstring's conditions do not hold; `import torch` works the same either way.
    """
    if sys.platform != "linux" or "torch" in sys.modules:
        return False
    if os.environ.get("LD_LIBRARY_PATH") or os.environ.get("TORCH_USE_RTLD_GLOBAL"):
        return False
    spec = importlib.util.find_spec("torch")
    if spec is None or not spec.origin:
        return False
    lib = Path(spec.origin).parent / "lib"
    paths = [(lib / name, flag) for name, flag in _LIBRARIES]
    if not all(path.is_file() for path, _ in paths):
        return False
    libc = ctypes.CDLL(None)  # the process's own symbols, libc's dlopen among them
    libc.dlopen.argtypes = [ctypes.c_char_p, ctypes.c_int]
    libc.dlopen.restype = ctypes.c_void_p
    libc.dlerror.restype = ctypes.c_char_p
    for path, flag in paths:
        # Never closed: torch keeps these loaded for the life of the process anyway.
        if not libc.dlopen(os.fsencode(path), os.RTLD_NOW | flag):
            log.info("could not preload %s: %s", path.name, libc.dlerror())
            return False
    return True
