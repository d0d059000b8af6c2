"""Stable identifiers: a type prefix plus a short hash of the canonical key.

The key is plain text (e.g. "四平市|王相民"); hashing makes ids ASCII and identical across runs,
machines and input order, since they depend on nothing but the key.
"""

from __future__ import annotations

from hashlib import blake2b

PREFIXES = {
    "Person": "person", "Organization": "org", "Place": "place", "Event": "event",
    "Project": "project", "Post": "post",
}


def digest(text: str) -> str:
    return blake2b(text.encode("utf-8"), digest_size=8).hexdigest()


def entity_id(type_: str, key: str) -> str:
    """`person-1f3a…` from ("Person", "四平市|王相民")."""
    return f"{PREFIXES.get(type_, type_.lower())}-{digest(key)}"


def fact_id(s: str, p: str, o: str) -> str:
    return f"fact-{digest(f'{s}|{p}|{o}')}"
