"""The HTTP service and the staff page (`compliance serve`): the checker behind a JSON API
that speaks the contract's report and error objects (docs/contract.md, docs/service.md).

The only part of the package, with the CLI, that imports FastAPI; install it with
`pip install 'post-compliance[serve]'`.
"""
from .app import MAX_BODY, MAX_POSTS, create_app, running

__all__ = ["create_app", "running", "MAX_BODY", "MAX_POSTS"]
