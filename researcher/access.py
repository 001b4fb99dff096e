"""One declared access rule per route.

Every view carries `allow(...)` or `public`; a test walks the URL map and fails on a route
without a rule, then checks each rule with every role and anonymously.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import abort, request
from flask_login import current_user

from researcher.extensions import login_manager

PUBLIC: frozenset[str] = frozenset({"*"})


def public(view: Callable[..., Any]) -> Callable[..., Any]:
    """Anyone may see this route, logged in or not."""
    view.access = PUBLIC  # type: ignore[attr-defined]
    return view


def allow(
    *roles: str, permission: str | None = None
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Only logged-in users with one of `roles` — or, when given, holding `permission`
    (`auth.permissions.Permission`), whatever their role — may see this route; others get 403.
    """

    def decorate(view: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(view)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            held = permission is not None and current_user.has_permission(permission)
            if current_user.role not in roles and not held:
                abort(403)
            return view(*args, **kwargs)

        guarded.access = frozenset(roles)  # type: ignore[attr-defined]
        guarded.permission = permission  # type: ignore[attr-defined]
        return guarded

    return decorate


def is_api_request() -> bool:
    """API clients get JSON (errors, 401) instead of HTML pages and redirects."""
    return request.path.startswith("/api/")
