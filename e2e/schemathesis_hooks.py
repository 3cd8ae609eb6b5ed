"""Hooks for the API conformance run (e2e/test_api_conformance.py), loaded by schemathesis
through SCHEMATHESIS_HOOKS.

- The run must not revoke the token it runs with: a DELETE of that token's id is sent for
  id 0 (which names no token) instead. Every other token, and every other operation on
  tokens, is exercised.
- Schemathesis 4.32 marks some coverage-phase cases as positive while their body was drawn as
  negative data (a header's boundary case sent with a body of the wrong type). Such a case
  is made negative, as its own component metadata says, so that it is judged as one: it
  must be refused (negative_data_rejection), not accepted.
"""

import os

import schemathesis
from schemathesis.generation import GenerationMode

TOKEN_ID = os.environ["MUSUBI_FUZZ_TOKEN_ID"]


@schemathesis.hook
def before_call(ctx, case, kwargs):
    if case.operation.method.upper() == "DELETE" and case.operation.path == "/api/v1/tokens/{id}":
        if str((case.path_parameters or {}).get("id")) == TOKEN_ID:
            case.path_parameters["id"] = 0
    meta = case.meta
    if meta is not None and meta.generation.mode == GenerationMode.POSITIVE:
        if any(component.mode == GenerationMode.NEGATIVE for component in meta.components.values()):
            meta.generation.mode = GenerationMode.NEGATIVE
