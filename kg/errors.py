"""The library's error hierarchy.

Library code raises these where a problem is found; only the edges (the CLI and the HTTP API)
turn them into exit codes or status codes, always with the same JSON error shape
(``{"error": {"type": ..., "message": ...}}``).

>>> issubclass(NotFound, KGError)
True
>>> NotFound("no entity 'xyz'").to_dict()
{'error': {'type': 'NotFound', 'message': "no entity 'xyz'"}}
"""

from __future__ import annotations


class KGError(Exception):
    """Base class of every error the library raises on purpose."""

    status = 500
    exit_code = 1

    def to_dict(self) -> dict[str, dict[str, str]]:
        """The one JSON error shape shared by the CLI and the API."""
        return {"error": {"type": type(self).__name__, "message": str(self)}}


class NotFound(KGError):
    """A named thing (entity, document, graph, file) does not exist."""

    status = 404
    exit_code = 3


class InvalidQuery(KGError):
    """A query or request parameter is malformed or not allowed."""

    status = 400
    exit_code = 2


class ShapeViolation(KGError):
    """Data does not conform to the SHACL shapes."""

    status = 422
    exit_code = 4


class InputError(KGError):
    """An input file or record cannot be read or is not shaped as expected."""

    status = 400
    exit_code = 2


class ResultTooLarge(KGError):
    """A result is larger than the row cap an operator configured: refused whole, never
    cut short (the caller narrows the query or pages through it)."""

    status = 422
    exit_code = 2


class StoreError(KGError):
    """The triplestore cannot be opened or written."""

    status = 503
    exit_code = 5


class InternalError(KGError):
    """A bug: the library failed on input it should have handled (the extractor or the RDF
    mapper raised). Never reported as bad input; ``detail`` keeps the traceback for the
    bug report.

    >>> InternalError("doc.txt: extraction failed", detail="Traceback ...").exit_code
    70
    """

    status = 500
    exit_code = 70  # EX_SOFTWARE

    def __init__(self, message: str, *, detail: str = "") -> None:
        super().__init__(message)
        self.detail = detail


def internal(path: object, stage: str, exc: BaseException) -> InternalError:
    """The :class:`InternalError` for an unexpected exception while ``stage``-ing ``path``."""
    import traceback

    detail = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    return InternalError(
        f"{path}: {stage} failed, a bug in kg (please report it): {exc!r}", detail=detail
    )


class Forbidden(KGError):
    """The operation needs a token that was not given or does not match."""

    status = 403
    exit_code = 6
