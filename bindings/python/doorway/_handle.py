"""The lifetime of a library handle a Python object owns: close() frees it (and is
idempotent), the object is a context manager, and the handle is freed when the
object is collected. Using it after close() raises StateError."""
from ._lib import lib
from .errors import StateError


class OwnedHandle:
    """Base of the binding's handle-owning classes. A subclass sets `_free` (the
    name of the library function that frees the handle) and `_what` (its name in
    messages) and stores the handle in self._handle."""

    __slots__ = ()
    _free = None
    _what = "object"
    _handle = None  # until a subclass's __init__ sets it

    def _h(self):
        if not self._handle:
            raise StateError("doorway: the %s is closed" % self._what)
        return self._handle

    def close(self):
        """Frees the handle now. Idempotent."""
        h, self._handle = getattr(self, "_handle", None), None
        if h:
            getattr(lib, self._free)(h)

    def __del__(self):
        try:
            self.close()
        except Exception:  # interpreter shutdown: the library may be gone already
            pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
