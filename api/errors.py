"""HTTP errors: every error response has the one JSON shape of :mod:`kg.errors`.

``{"error": {"type": ..., "message": ...}}`` for library errors, HTTP errors, validation
errors and anything unexpected. Server-side errors (5xx) never carry the library's message
(it may name a file path): they are logged and answered with a fixed sentence.
"""

from __future__ import annotations

import logging
from http import HTTPStatus

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from kg.errors import KGError

log = logging.getLogger("kg.api")


class QueryTimeout(KGError):
    """A query ran past the time limit and was stopped."""

    status = 503


class Busy(KGError):
    """Every query worker stayed busy for the whole time limit."""

    status = 503


class Unauthorized(KGError):
    """A write without a valid bearer token."""

    status = 401


class NotAcceptable(KGError):
    """None of the formats the client accepts can be served."""

    status = 406


class UnsupportedMediaType(KGError):
    """The request body's media type or charset is not one this route reads."""

    status = 415


class PayloadTooLarge(KGError):
    """The request body is larger than the configured cap."""

    status = 413


class ErrorDetail(BaseModel):
    """What went wrong: the error's type and a message."""

    type: str
    message: str


class ErrorBody(BaseModel):
    """The one error shape."""

    error: ErrorDetail


ERROR_RESPONSES: dict[int | str, dict] = {
    code: {"model": ErrorBody, "description": HTTPStatus(code).phrase}
    for code in (400, 404, 406, 422)
}

_SERVER_MESSAGES = {
    "QueryTimeout": None,  # our own messages: safe to show
    "Busy": None,
}


def error_response(
    status: int, type_: str, message: str, headers: dict[str, str] | None = None
) -> JSONResponse:
    """A JSON response in the one error shape."""
    body = {"error": {"type": type_, "message": message}}
    return JSONResponse(body, status_code=status, headers=headers)


def _type_name(status: int) -> str:
    try:
        return HTTPStatus(status).phrase.replace(" ", "").replace("-", "")
    except ValueError:
        return "HTTPError"


async def kg_error(request: Request, exc: Exception) -> Response:
    """Library errors: their own status; 5xx messages are replaced by a fixed sentence."""
    assert isinstance(exc, KGError)
    status = exc.status
    message = str(exc)
    if status >= 500 and type(exc).__name__ not in _SERVER_MESSAGES:
        log.error("%s on %s %s: %s", type(exc).__name__, request.method, request.url.path, exc)
        message = "the server could not complete the request"
    headers = {"Retry-After": "5"} if status == 503 else None
    if status == 401:
        headers = {"WWW-Authenticate": 'Bearer realm="kg"'}
    return error_response(status, type(exc).__name__, message, headers)


async def http_error(request: Request, exc: Exception) -> Response:
    """HTTP errors raised by the framework (404 route, 405 method, …)."""
    assert isinstance(exc, StarletteHTTPException)
    detail = exc.detail if isinstance(exc.detail, str) else _type_name(exc.status_code)
    return error_response(
        exc.status_code, _type_name(exc.status_code), detail, getattr(exc, "headers", None)
    )


async def validation_error(request: Request, exc: Exception) -> Response:
    """Parameter validation errors: 422, every problem named in one message."""
    assert isinstance(exc, RequestValidationError)
    parts = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "path"))
        parts.append(f"{where}: {err.get('msg', 'invalid')}" if where else err.get("msg", ""))
    return error_response(422, "InvalidQuery", "; ".join(parts) or "invalid request")


async def unexpected_error(request: Request, exc: Exception) -> Response:
    """Anything else: logged with its traceback, answered with a fixed sentence."""
    log.exception("unexpected error on %s %s", request.method, request.url.path)
    return error_response(500, "InternalError", "the server could not complete the request")


def install(app: FastAPI) -> None:
    """Register the handlers on an app."""
    app.add_exception_handler(KGError, kg_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(Exception, unexpected_error)
